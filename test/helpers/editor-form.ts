/** Reads the admin's forms as a browser would submit them, so tests post through the real forms. */
import { Parser } from 'htmlparser2';
import type { Agent } from './admin.js';

/**
 * The fields of the form whose action is `action`, as a browser would submit them untouched:
 * inputs (checkboxes only when checked), textareas, and the selected option of each select.
 */
export function formFields(html: string, action: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let inForm = false;
  let found = false;
  let textarea: string | null = null;
  let select: string | null = null;
  let option: { value: string | undefined; selected: boolean; text: string } | null = null;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'form') {
        inForm = attrs.action === action;
        found ||= inForm;
      }
      if (!inForm) return;
      if (name === 'input' && attrs.name) {
        const checkable = attrs.type === 'checkbox' || attrs.type === 'radio';
        if (!checkable || 'checked' in attrs) fields[attrs.name] = attrs.value ?? (checkable ? 'on' : '');
      }
      if (name === 'textarea' && attrs.name) {
        textarea = attrs.name;
        fields[textarea] = '';
      }
      if (name === 'select' && attrs.name) select = attrs.name;
      if (name === 'option' && select) option = { value: attrs.value, selected: 'selected' in attrs, text: '' };
    },
    ontext(text) {
      if (textarea) fields[textarea] += text;
      if (option) option.text += text;
    },
    onclosetag(name) {
      if (name === 'form') inForm = false;
      if (name === 'textarea') textarea = null;
      if (name === 'option' && option && select) {
        const value = option.value ?? option.text;
        if (option.selected || !(select in fields)) fields[select] = value;
        option = null;
      }
      if (name === 'select') select = null;
    },
  });
  parser.write(html);
  parser.end();
  if (!found) throw new Error(`no form with action ${action} on the page`);
  // A textarea's first newline is not part of its value.
  for (const [k, v] of Object.entries(fields)) if (v.startsWith('\n')) fields[k] = v.slice(1);
  return fields;
}

/** Opens `pageUrl`, fills the form that posts to `action` with `changes`, and submits it. */
export async function submitForm(agent: Agent, pageUrl: string, action: string, changes: Record<string, string> = {}) {
  const page = await agent.get(pageUrl);
  if (page.status !== 200) throw new Error(`GET ${pageUrl} answered ${page.status}`);
  const fields = { ...formFields(page.text, action), ...changes };
  return agent.post(action).type('form').send(fields);
}

/** The number at the end of an editor URL (/admin/posts/12/edit → 12). */
export function idFrom(location: string | undefined): number {
  const m = location?.match(/\/(\d+)\/edit$/);
  if (!m) throw new Error(`not an editor URL: ${location}`);
  return Number(m[1]);
}
