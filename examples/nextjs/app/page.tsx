import { products } from "@/lib/catalog"

export default function Home() {
  const { name, amount } = products.book
  return (
    <main>
      <h1>{name}</h1>
      <p>{amount.toFixed(2)} MDL</p>
      {/* Works without JavaScript: the route answers with a redirect to the checkout page. */}
      <form method="post" action="/api/orders">
        <input type="hidden" name="productId" value="book" />
        <button type="submit">Pay with MIA</button>
      </form>
    </main>
  )
}
