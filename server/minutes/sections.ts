/**
 * Names of the Yjs root fragments that hold the free text, one after each record block. Shared by the server's
 * update check and the browser's editors; nothing else may be written into the minutes document.
 */
export function sectionName(blockId: string): string {
  return `free:${blockId}`;
}

const SECTION_RE = /^free:(header|attendance|(item|vote):[A-Za-z0-9_-]{1,64})$/;

export function isSectionName(name: string): boolean {
  return SECTION_RE.test(name);
}

export const SECTION_PREFIX = "free:";
