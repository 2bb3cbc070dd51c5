export function createFreshDatabase(baseUrl: string, prefix?: string): Promise<{ url: string; drop(): Promise<void> }>;
