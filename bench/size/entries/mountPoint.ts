/** The element every size entry renders into. */
export function mountPoint(): HTMLElement {
  const element = document.getElementById('root')
  if (!element) throw new Error('The page needs a <div id="root"> to render the form into.')
  return element
}
