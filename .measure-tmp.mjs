import fs from "node:fs"; import zlib from "node:zlib";
import { geoMercator, geoPath } from "d3-geo";
import { feature, merge } from "topojson-client";
import { presimplify, simplify, planarTriangleArea } from "topojson-simplify";
class Rel { constructor(scale){this.s=scale; this.out=""; this.px=0; this.py=0; this.n=0;}
  num(v){ let t=String(v/this.s); if (t.startsWith("0.")) t=t.slice(1); else if (t.startsWith("-0.")) t="-"+t.slice(2); return t; }
  pair(a,b){ const A=this.num(a), B=this.num(b); return A + (B.startsWith("-")?"":",") + B; }
  moveTo(x,y){ const X=Math.round(x*this.s), Y=Math.round(y*this.s); this.out+="M"+this.pair(X,Y); this.px=X; this.py=Y; this.n=0; }
  lineTo(x,y){ const X=Math.round(x*this.s), Y=Math.round(y*this.s); const dx=X-this.px, dy=Y-this.py; if(!dx&&!dy) return; const p=this.pair(dx,dy); this.out+= this.n===0 ? "l"+p : (p.startsWith("-")?"":" ")+p; this.n++; this.px=X; this.py=Y; }
  closePath(){ this.out+="z"; }
  arc(){}
  result(){ const r=this.out; this.out=""; return r; } }
const raw = JSON.parse(fs.readFileSync("prisma/data/lombardia-comuni-2023.topo.json","utf8"));
const fc0 = feature(raw, raw.objects.comuni);
const proj = geoMercator().fitSize([800,900], fc0);
const areas0 = new Map(fc0.features.map(f => [f.properties.com_istat_code, geoPath(proj).area(f)]));
const pre = presimplify(raw, (tri) => planarTriangleArea(tri.map((p) => proj(p))));
for (const w of [0, 1, 2, 3, 4]) for (const scale of [10, 2, 1]) {
  const topo = simplify(pre, w);
  const fc = feature(topo, topo.objects.comuni);
  const ctx = new Rel(scale); const path = geoPath(proj, ctx);
  let s = "", worst=1, bad=0;
  for (const f of fc.features) { path(f); s += ctx.result(); const r = geoPath(proj).area(f)/areas0.get(f.properties.com_istat_code); worst=Math.min(worst,r); if (Math.abs(1-r)>0.1) bad++; }
  const groups = new Map(); for (const g of topo.objects.comuni.geometries) { const k=g.properties.prov_istat_code; groups.set(k, [...(groups.get(k)??[]), g]); }
  let ps=""; for (const [,gs] of groups) { path(merge(topo, gs)); ps += ctx.result(); }
  console.log(`w=${w} 1/${scale}px comuni=${(s.length/1024).toFixed(0)}KB prov=${(ps.length/1024).toFixed(0)}KB total=${((s.length+ps.length)/1024).toFixed(0)}KB gz=${(zlib.gzipSync(s+ps).length/1024).toFixed(0)} worstArea=${worst.toFixed(2)} >10%=${bad}`);
  if (w===0 && scale===10) console.log(s.slice(0,300));
}
