export * from './givenWhenThen';
export * from './storeContract';
export * from './replay';
