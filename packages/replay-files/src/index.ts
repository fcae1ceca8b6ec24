export * from './inputError';
export * from './ticks/epochMs';
export * from './ticks/columnRoles';
export * from './ticks/tickSymbol';
export * from './ticks/tickLineParser';
export * from './ticks/readTicks';
export * from './ticks/streamTicks';
