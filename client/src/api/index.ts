export { ApiError, isApiError, type ClientErrorCode } from './api-error';
export {
  createHttpClient,
  parseRetryAfter,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  type RequestFn,
} from './http';
export { createBffApi, validForMs, type BffApi, type LiveFetch, type LivingCode } from './bff-api';
