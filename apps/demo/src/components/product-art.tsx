import type { ReactNode } from "react"
import type { ProductArtKind } from "../../shared/types.js"

const drawings: Record<ProductArtKind, ReactNode> = {
  beans: (
    <>
      <ellipse cx="24" cy="34" rx="11" ry="15" transform="rotate(-25 24 34)" />
      <path d="M19 22c6 6 4 18 10 24" />
      <ellipse cx="42" cy="30" rx="10" ry="14" transform="rotate(20 42 30)" />
      <path d="M46 18c-6 6-3 17-9 24" />
    </>
  ),
  bag: (
    <>
      <path d="M18 16h28l4 40H14z" />
      <path d="M18 16l4-6h20l4 6" />
      <circle cx="32" cy="36" r="7" />
      <path d="M29 31c3 3 2 7 6 10" />
    </>
  ),
  pot: (
    <>
      <path d="M22 30h20l-3 24H25z" />
      <path d="M24 30l3-12h10l3 12" />
      <path d="M29 18v-5h6v5" />
      <path d="M42 36h5l-2 10h-4" />
      <path d="M22 34l-6-4" />
    </>
  ),
  cup: (
    <>
      <path d="M14 26h30v10a15 15 0 0 1-30 0z" />
      <path d="M44 29h4a6 6 0 0 1 0 12h-5" />
      <path d="M10 54h40" />
      <path d="M24 20c-3-4 3-6 0-10M32 20c-3-4 3-6 0-10" />
    </>
  ),
  pie: (
    <>
      <ellipse cx="32" cy="40" rx="22" ry="9" />
      <path d="M10 40c0-10 10-18 22-18s22 8 22 18" />
      <path d="M20 30l4 5M30 26l1 6M40 28l-2 5M47 33l-4 3" />
    </>
  ),
  gift: (
    <>
      <rect x="12" y="26" width="40" height="28" rx="2" />
      <path d="M10 20h44v8H10zM32 20v34" />
      <path d="M32 20c-4-8-14-8-12-2s12 2 12 2c4-8 14-8 12-2s-12 2-12 2" />
    </>
  )
}

/**
 * A product's drawing: line art in the brand colour.
 * @example
 * <ProductArt kind="cup" />
 */
export const ProductArt = ({ kind }: { kind: ProductArtKind }) => (
  <svg
    aria-hidden="true"
    viewBox="0 0 64 64"
    width="72"
    height="72"
    fill="none"
    stroke="currentColor"
    strokeWidth="2.5"
    strokeLinecap="round"
    strokeLinejoin="round"
  >
    {drawings[kind]}
  </svg>
)
