export declare const forbiddenImportsOf: (
  entry: URL,
  options: { readonly forbidden: RegExp; readonly external?: ReadonlyArray<string> }
) => Promise<Array<string>>
