/**
 * Turns a QR module matrix (`true` = dark) into one SVG path: each horizontal run of dark
 * modules becomes a rectangle, offset by the quiet zone. One path with integer coordinates
 * renders crisp at any size and stays small.
 * @example
 * qrPath([[true, true], [false, true]], 4) // "M4 4h2v1h-2zM5 5h1v1h-1z"
 */
export const qrPath = (modules: ReadonlyArray<ReadonlyArray<boolean>>, margin: number): string => {
  let d = ""
  modules.forEach((row, y) => {
    let x = 0
    while (x < row.length) {
      if (!row[x]) {
        x++
        continue
      }
      const start = x
      while (row[x]) x++
      d += `M${start + margin} ${y + margin}h${x - start}v1h-${x - start}z`
    }
  })
  return d
}
