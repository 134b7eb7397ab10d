import { NotFoundContent } from "@/components/layout/not-found-content";

/** Inside this layout's <main>: the 404 message without a second main landmark. */
export default function NotFound() {
  return <NotFoundContent />;
}
