export function startServer(_args: string[]): void { throw new Error('not yet'); }
