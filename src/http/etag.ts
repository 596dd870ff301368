/**
 * ETags carry a stream's revision: `W/"7"` is revision 7, `W/"none"` a stream with
 * no events yet. A write with `If-Match` applies only if its stream is still there.
 */
export function formatETag(revision: number | null): string {
  return `W/"${revision === null ? 'none' : revision}"`;
}
