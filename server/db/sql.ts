/** A PostgreSQL identifier, quoted (table names built from the catalog, never from user input). */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
