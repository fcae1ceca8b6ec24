export { createPaperBook, type PaperBook, type PaperBookOptions } from './paperBook';
export { getPaperExchange, type PaperExchangeOptions } from './paperExchange';
