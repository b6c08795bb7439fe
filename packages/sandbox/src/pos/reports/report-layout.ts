/** Characters per line of every printed report: a common 80 mm receipt-printer width. */
export const REPORT_COLUMNS = 40

/** A full-width separator; the PNG renderer draws it as a solid rule. */
export const RULE = "-".repeat(REPORT_COLUMNS)

export const center = (text: string): string => {
  const clipped = text.slice(0, REPORT_COLUMNS)
  return `${" ".repeat(Math.floor((REPORT_COLUMNS - clipped.length) / 2))}${clipped}`
}

/** `label ........ value` on one line, or label then right-aligned value when both do not fit. */
export const pair = (label: string, value: string): string[] => {
  const gap = REPORT_COLUMNS - label.length - value.length
  if (gap >= 1) return [`${label}${" ".repeat(gap)}${value}`]
  return [label.slice(0, REPORT_COLUMNS), value.slice(-REPORT_COLUMNS).padStart(REPORT_COLUMNS)]
}
