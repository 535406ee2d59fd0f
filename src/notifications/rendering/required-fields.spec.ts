import Handlebars from 'handlebars';
import { collectFieldUsage, requiredFields } from './required-fields';

const HELPERS = new Set(['if', 'unless', 'each', 'with', 'yuan', 'label', 'eq']);
const required = (...sources: string[]) => {
  const usage = { used: new Set<string>(), optional: new Set<string>() };
  for (const source of sources) collectFieldUsage(Handlebars.parse(source), HELPERS, usage);
  return requiredFields(usage);
};

describe('required template fields', () => {
  it('finds plain fields, helper arguments, partial arguments and sub-expressions', () => {
    expect(
      required(
        '{{a}} {{{b}}} {{yuan c}} {{> button url=d text="x"}} {{label "carrier" (eq e "x")}} {{f.g}}',
      ),
    ).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('treats fields inside #each as the items’ own, except ../ and @root', () => {
    expect(
      required('{{#each docs}}{{number}} {{../order}} {{@root.url}} {{@index}}{{/each}}'),
    ).toEqual(['docs', 'order', 'url']);
  });

  it('makes a field used as an #if/#unless condition optional', () => {
    expect(
      required('{{#if taxId}}{{taxId}}{{else}}{{name}}{{/if}}{{#unless x}}y{{/unless}}'),
    ).toEqual(['name']);
  });

  it('unions the fields of several parts', () => {
    expect(required('{{a}}', '{{b}}', '{{a}} {{c}}')).toEqual(['a', 'b', 'c']);
  });

  it('ignores data variables and literals', () => {
    expect(required('{{@locale}} {{@supportPhone}} {{eq "x" 1}}')).toEqual([]);
  });
});
