import { describe, expect, it } from 'vitest';
import { looksLikeGmail, planFolders, type ListedFolder } from '../../src-main/core/mail/sync/plan-folders.js';

const folder = (path: string, specialUse?: string, flags: string[] = []): ListedFolder => ({ path, specialUse, flags: new Set(flags) });

const standard = [
  folder('INBOX', '\\Inbox'),
  folder('Archive', '\\Archive'),
  folder('Drafts', '\\Drafts'),
  folder('Junk', '\\Junk'),
  folder('Projects', undefined, ['\\Noselect', '\\HasChildren']),
  folder('Projects/Acme'),
  folder('Sent', '\\Sent'),
  folder('Trash', '\\Trash'),
  folder('Virtual/All', '\\All'),
];

const gmail = [
  folder('INBOX', '\\Inbox'),
  folder('Clients'),
  folder('[Gmail]', undefined, ['\\Noselect']),
  folder('[Gmail]/All Mail', '\\All'),
  folder('[Gmail]/Drafts', '\\Drafts'),
  folder('[Gmail]/Important', '\\Important'),
  folder('[Gmail]/Sent Mail', '\\Sent'),
  folder('[Gmail]/Spam', '\\Junk'),
  folder('[Gmail]/Starred', '\\Flagged'),
  folder('[Gmail]/Trash', '\\Trash'),
];

describe('folder plan (DESIGN rule 0)', () => {
  it('reads every selectable folder but Junk, Trash, Drafts and \\All, Sent first, then by path', () => {
    const plan = planFolders(standard, { gmail: false, excluded: [] });
    expect(plan.folders.map((entry) => [entry.path, entry.purpose])).toEqual([
      ['Sent', 'messages'],
      ['Archive', 'messages'],
      ['INBOX', 'messages'],
      ['Projects/Acme', 'messages'],
    ]);
    expect(Object.fromEntries(plan.skipped.map((entry) => [entry.path, entry.reason]))).toEqual({
      Drafts: 'drafts',
      Junk: 'junk',
      Projects: 'not-selectable',
      Trash: 'trash',
      'Virtual/All': 'all-mail-duplicate',
    });
  });

  it('leaves out the folders the user excluded, whatever their role', () => {
    const plan = planFolders(standard, { gmail: false, excluded: ['Archive', 'Sent'] });
    expect(plan.folders.map((entry) => entry.path)).toEqual(['INBOX', 'Projects/Acme']);
    expect(plan.skipped.filter((entry) => entry.reason === 'excluded').map((entry) => entry.path)).toEqual(['Archive', 'Sent']);
  });

  it('on Gmail reads All Mail only, after examining Sent Mail for own addresses', () => {
    expect(looksLikeGmail(gmail, { gmailExtensions: false, provider: null })).toBe(true);
    const plan = planFolders(gmail, { gmail: true, excluded: [] });
    expect(plan.folders).toEqual([
      { path: '[Gmail]/Sent Mail', specialUse: '\\Sent', purpose: 'identities' },
      { path: '[Gmail]/All Mail', specialUse: '\\All', purpose: 'messages' },
    ]);
    expect(plan.skipped.map((entry) => entry.path).sort()).toEqual(['Clients', 'INBOX', '[Gmail]', '[Gmail]/Drafts', '[Gmail]/Important', '[Gmail]/Spam', '[Gmail]/Starred', '[Gmail]/Trash']);
  });

  it('recognises Gmail by its extension or provider, and not a server whose \\All folder is elsewhere', () => {
    expect(looksLikeGmail(standard, { gmailExtensions: false, provider: null })).toBe(false);
    expect(looksLikeGmail(standard, { gmailExtensions: true, provider: null })).toBe(true);
    expect(looksLikeGmail(standard, { gmailExtensions: false, provider: 'gmail' })).toBe(true);
  });

  it('falls back to the ordinary rule on a Gmail account whose All Mail is hidden from IMAP', () => {
    const withoutAllMail = gmail.filter((entry) => entry.specialUse !== '\\All');
    const plan = planFolders(withoutAllMail, { gmail: true, excluded: [] });
    expect(plan.folders.map((entry) => entry.path)).toEqual(['[Gmail]/Sent Mail', 'Clients', 'INBOX', '[Gmail]/Important', '[Gmail]/Starred']);
    expect(plan.folders.every((entry) => entry.purpose === 'messages')).toBe(true);
  });

  it('gives the same plan whatever order the server lists folders in', () => {
    const shuffled = [...standard].reverse();
    expect(planFolders(shuffled, { gmail: false, excluded: [] }).folders).toEqual(planFolders(standard, { gmail: false, excluded: [] }).folders);
  });
});
