import { launchChromium } from './lib/launchChromium.mjs'
const browser = await launchChromium()
const page = await browser.newPage()
await page.setContent(`<input id=a><script>
window.log=[];let t0=0;
addEventListener('keydown',()=>{t0=performance.now()},true)
addEventListener('input',()=>{const ti=performance.now();const ch=new MessageChannel();ch.port1.onmessage=()=>{log.push([ti-t0, performance.now()-t0])};ch.port2.postMessage(null);
setTimeout(()=>log.push(['st',performance.now()-t0]),0)})
</script>`)
await page.click('#a')
for (const c of 'abcdefgh') { await page.keyboard.press(c); await page.waitForTimeout(50) }
console.log(await page.evaluate(() => log))
await browser.close()
