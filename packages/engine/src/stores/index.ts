export * from './memoryEventStore';
