# Generates the local site of tests/links/cache_cpu/run.sh (fixed seed): site/p/*.html, site/f/*.pdf|bin, paths.txt.
import os, random
random.seed(7)
os.makedirs("site/p", exist_ok=True); os.makedirs("site/f", exist_ok=True)
urls=[]
words="россия китай отношения политика экономика визит переговоры the and of relations policy trade".split()
for i in range(300):
    size=random.randint(30_000, 220_000)
    head=f'''<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Статья {i} | Известия</title>
<meta name="citation_title" content="Россия и Китай: статья {i}"><meta name="citation_author" content="Петров, Иван">
<meta name="citation_publication_date" content="2023/03/{i%28+1:02d}"><meta property="og:title" content="Статья {i}">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Статья {i}","datePublished":"2023-03-20","author":{{"@type":"Person","name":"Иван Петров"}}}}</script>
</head><body><h1>Статья {i}</h1>'''
    body=[]
    n=len(head.encode())
    while n<size:
        p="<p>"+" ".join(random.choice(words) for _ in range(60))+"</p>\n<div class=\"x\"><a href=\"/p/"+str(random.randint(0,299))+".html\">ссылка</a></div>\n"
        body.append(p); n+=len(p.encode())
    open(f"site/p/{i}.html","w").write(head+"".join(body)+"</body></html>")
    urls.append(f"/p/{i}.html")
for i in range(50):
    open(f"site/f/{i}.pdf","wb").write(b"%PDF-1.4\n"+os.urandom(random.randint(1,4)*1024*1024))
    urls.append(f"/f/{i}.pdf")
for i in range(50):
    open(f"site/f/{i}.bin","wb").write(os.urandom(1024*1024))
    urls.append(f"/f/{i}.bin")
random.shuffle(urls)
open("paths.txt","w").write("\n".join(urls)+"\n")
