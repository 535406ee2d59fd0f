import { StaffRole } from '../auth/staff/staff-role';
import { ADMIN_TRANSLATIONS } from './admin-locale';
import { allowRoles, BUILT_IN_ACTIONS, roleGuardedActions } from './admin-access';

const as = (role: StaffRole) => ({ currentAdmin: { id: 'x', email: 'x@example.com', role } });

describe('roleGuardedActions', () => {
  it('guards every built-in action, raw writes off unless granted, admins always in', () => {
    const actions = roleGuardedActions('things', { read: [StaffRole.SUPPORT] });
    expect(Object.keys(actions).sort()).toEqual([...BUILT_IN_ACTIONS].sort());
    const check = (name: string, role: StaffRole) => actions[name].isAccessible(as(role));
    expect(check('list', StaffRole.SUPPORT)).toBe(true);
    expect(check('show', StaffRole.ADMIN)).toBe(true);
    expect(check('search', StaffRole.SERVICE_CENTER)).toBe(false);
    for (const raw of ['new', 'edit', 'delete', 'bulkDelete']) {
      expect(check(raw, StaffRole.ADMIN)).toBe(false);
    }
    expect(actions.list.isAccessible({ currentAdmin: undefined })).toBe(false);
  });

  it('refuses at start-up a custom action without its own isAccessible', () => {
    expect(() =>
      roleGuardedActions('things', { read: [] }, { publish: { actionType: 'record' } }),
    ).toThrow(/"publish" of "things" has no isAccessible/);
    const ok = roleGuardedActions(
      'things',
      { read: [] },
      {
        publish: { isAccessible: allowRoles(StaffRole.SUPPORT) },
        show: { after: (r) => Promise.resolve(r) },
      },
    );
    expect(ok.publish.isAccessible(as(StaffRole.SUPPORT))).toBe(true);
    // Extending a built-in keeps its guard.
    expect(ok.show.isAccessible(as(StaffRole.SUPPORT))).toBe(false);
  });
});

describe('back-office translations', () => {
  const keys = (value: unknown, prefix = ''): string[] =>
    value && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
      : [prefix.slice(0, -1)];

  it('say the same things in zh-CN and en (AdminJS supplies en defaults for the rest)', () => {
    const zh = keys(ADMIN_TRANSLATIONS['zh-CN']);
    const en = new Set(keys(ADMIN_TRANSLATIONS.en));
    // zh-CN overrides a few AdminJS wordings (login, buttons) that en keeps as they are.
    const zhOnly = zh.filter((k) => !en.has(k));
    expect(zhOnly.sort()).toEqual([
      'buttons.login',
      'components.Login.properties.email',
      'components.Login.properties.password',
      'messages.invalidCredentials',
    ]);
    expect([...en].filter((k) => !zh.includes(k))).toEqual([]);
  });
});
