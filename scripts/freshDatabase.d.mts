export function createFreshDatabase(baseUrl: string, prefix?: string): Promise<{ url: string; drop(): Promise<void> }>;
export function appRoleUrl(databaseUrl: string, role?: string): Promise<string>;
