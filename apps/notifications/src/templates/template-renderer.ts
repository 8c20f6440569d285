import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Mustache from 'mustache';
import { formWithPeriodVi } from '@dtp/domain';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export class UnknownTemplateError extends Error {
  constructor(readonly template: string) {
    super(`no template "${template}"`);
    this.name = 'UnknownTemplateError';
  }
}

/** Text goes out as written; HTML escapes what HTML needs (Mustache's default also escapes "/" and "=", which mangles dates and links). */
const plain = { escape: (value: string) => value };
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const html = { escape: (value: string) => String(value).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] as string) };

/**
 * Message templates kept as files (`<name>.subject.txt`, `<name>.txt`, one shared `layout.html`),
 * Mustache variables, Vietnamese first and English after. Read once at start: a template changed
 * on disk takes effect at the next restart.
 */
export class TemplateRenderer {
  private readonly templates = new Map<string, { subject: string; text: string }>();
  private readonly layout: string;
  readonly samples: Record<string, unknown>;

  constructor(readonly directory: string) {
    const files = readdirSync(directory);
    for (const file of files.filter((f) => f.endsWith('.subject.txt'))) {
      const name = file.slice(0, -'.subject.txt'.length);
      this.templates.set(name, { subject: readFileSync(path.join(directory, file), 'utf8').trim(), text: readFileSync(path.join(directory, `${name}.txt`), 'utf8') });
    }
    this.layout = readFileSync(path.join(directory, 'layout.html'), 'utf8');
    this.samples = (JSON.parse(readFileSync(path.join(directory, 'samples.json'), 'utf8')) as { common: Record<string, unknown> }).common;
  }

  names(): string[] {
    return [...this.templates.keys()].sort();
  }

  has(name: string): boolean {
    return this.templates.has(name);
  }

  /** The variables a template uses, for the preview API; a list's item fields as `items.field`. */
  variablesOf(name: string): string[] {
    const template = this.get(name);
    const names = new Set<string>();
    const collect = (tokens: unknown[], prefix: string) => {
      for (const token of tokens as Array<[string, string, number, number, unknown[]?]>) {
        if (token[0] !== 'text' && token[1] !== '.') names.add(`${prefix}${token[1]}`);
        if (Array.isArray(token[4])) collect(token[4], `${prefix}${token[1]}.`);
      }
    };
    collect(Mustache.parse(template.subject), '');
    collect(Mustache.parse(template.text), '');
    return [...names].sort();
  }

  render(name: string, given: Record<string, unknown>): RenderedMessage {
    const template = this.get(name);
    // A delivery scheduled before `reportVi` existed still says "… số quý IV năm 2024", not "quý quý IV".
    const variables = given.reportVi === undefined && typeof given.formNameVi === 'string' && typeof given.periodVi === 'string' ? { ...given, reportVi: formWithPeriodVi(given.formNameVi, given.periodVi) } : given;
    const subject = Mustache.render(template.subject, variables, {}, plain).replace(/\s+/g, ' ').trim();
    const text = Mustache.render(template.text, variables, {}, plain).replace(/\n{3,}/g, '\n\n').trim() + '\n';
    const paragraphs = text
      .split(/\n\s*\n/)
      .map((p) => ({ lines: p.split('\n').filter((l) => l.trim() !== '---') }))
      .filter((p) => p.lines.length > 0);
    return { subject, text, html: Mustache.render(this.layout, { subject, paragraphs }, {}, html) };
  }

  private get(name: string): { subject: string; text: string } {
    const template = this.templates.get(name);
    if (!template) throw new UnknownTemplateError(name);
    return template;
  }
}

/** apps/notifications/templates, from the sources (tests) and from dist/ (the build copies it). */
export const DEFAULT_TEMPLATES_DIRECTORY = path.resolve(__dirname, '../../templates');
