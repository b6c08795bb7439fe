import { type HttpHandler, http } from "msw"

/**
 * One msw handler that gives every request under `baseUrl` to the sandbox. A dropped-connection
 * fault is `Response.error()`, which msw turns into a network error for the client.
 */
export const mswHandlersFor = (
  baseUrl: string,
  handle: (request: Request) => Promise<Response>
): ReadonlyArray<HttpHandler> => [http.all(`${baseUrl}/*`, ({ request }) => handle(request))]
