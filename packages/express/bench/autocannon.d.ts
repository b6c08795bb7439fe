// The part of autocannon's API the benchmark uses (the package ships no types).
declare module "autocannon" {
  export interface RequestParams {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
  }
  export interface Options {
    url: string
    connections?: number
    pipelining?: number
    amount?: number
    duration?: number
    method?: string
    headers?: Record<string, string>
    body?: string
    requests?: Array<RequestParams & { setupRequest?: (request: RequestParams) => RequestParams }>
  }
  export interface Histogram {
    average: number
    mean: number
    p50: number
    p99: number
    max: number
  }
  export interface Result {
    requests: Histogram & { total: number }
    latency: Histogram
    errors: number
    timeouts: number
    non2xx: number
    duration: number
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
