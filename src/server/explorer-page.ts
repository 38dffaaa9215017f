const EXAMPLE = `query Reports {
  reports(first: 10) {
    totalCount
    nodes { id title year state agency { name code } validation { valid errorCount } }
  }
}`;

/**
 * A small query page that ships with the server: agencies on isolated
 * government networks (政务内网) cannot load an explorer from a CDN.
 */
export function explorerPage(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Gongkai GraphQL</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;display:flex;flex-direction:column;height:100vh}
header{padding:.5rem 1rem;background:#8b0000;color:#fff}main{flex:1;display:grid;grid-template-columns:1fr 1fr;gap:.5rem;padding:.5rem}
textarea,pre{width:100%;box-sizing:border-box;font:13px/1.4 ui-monospace,monospace;margin:0}
textarea{height:100%}#query{height:60%}#variables{height:20%}pre{background:#f6f6f6;overflow:auto;height:100%}
label{font-size:12px;color:#555}input{width:100%;box-sizing:border-box}
</style></head><body>
<header>Gongkai 公开 — GraphQL at <code>/graphql</code> · schema in <code>src/schema/schema.graphql</code></header>
<main><div><label>Query</label><textarea id="query">${EXAMPLE}</textarea>
<label>Variables (JSON)</label><textarea id="variables">{}</textarea>
<label>Authorization header (optional)</label><input id="auth" placeholder="Bearer …">
<button id="run">Run ▶ (Ctrl+Enter)</button></div><pre id="result"></pre></main>
<script>
async function run(){
  const headers={"content-type":"application/json"};
  const auth=document.getElementById("auth").value.trim(); if(auth) headers.authorization=auth;
  let variables={}; try{variables=JSON.parse(document.getElementById("variables").value||"{}")}catch(e){document.getElementById("result").textContent="Variables are not valid JSON: "+e.message;return}
  const res=await fetch("/graphql",{method:"POST",headers,body:JSON.stringify({query:document.getElementById("query").value,variables})});
  document.getElementById("result").textContent=JSON.stringify(await res.json(),null,2);
}
document.getElementById("run").onclick=run;
document.addEventListener("keydown",e=>{if(e.ctrlKey&&e.key==="Enter")run()});
</script></body></html>`;
}
