import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('accepts 8 to 128 characters of anything', () => {
    expect(passwordProblem('correct horse battery')).toBeNull();
    expect(passwordProblem('x7#Lq9!z')).toBeNull();
    expect(passwordProblem('密码很长的中文短语八个')).toBeNull();
    expect(passwordProblem('a'.repeat(127) + 'b')).toBeNull();
  });

  it('refuses fewer than 8 and more than 128 characters', () => {
    expect(passwordProblem('x7#Lq9!')).toMatch(/at least 8/);
    expect(passwordProblem('x'.repeat(129))).toMatch(/at most 128/);
  });

  it('counts characters, not UTF-16 units', () => {
    const emoji = '😀'.repeat(128); // 256 UTF-16 units, 128 characters
    expect(passwordProblem(emoji)).toBeNull();
    expect(passwordProblem('😀'.repeat(7))).toMatch(/at least 8/);
  });

  it('refuses common passwords whatever their case', () => {
    expect(passwordProblem('password')).toMatch(/most commonly used/);
    expect(passwordProblem('PassWord123')).toMatch(/most commonly used/);
    expect(passwordProblem('qwertyuiop')).toMatch(/most commonly used/);
    expect(passwordProblem('woaini1314')).toMatch(/most commonly used/);
    expect(passwordProblem('12345678')).toMatch(/most commonly used/);
  });
});
