export {};
export * from './storeContract';
