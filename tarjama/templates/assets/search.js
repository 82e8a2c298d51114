// Search box of a locale's pages: queries that locale's Pagefind index, built by
// `tarjama build` as a few bundles (<locale>/pagefind/<bundle>/, listed in bundles.json)
// that are merged here. Its texts come from the page, which has them from the interface
// translations; results take the page's direction.
const box = document.querySelector("[data-search]");

function say(template, query) {
  return template.replace("{query}", query);
}

// Pagefind's excerpts mark the words found with <mark>: keep those marks and the text,
// nothing else.
function excerpt(html) {
  const out = document.createElement("p");
  const parsed = new DOMParser().parseFromString(html, "text/html").body;
  for (const node of parsed.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(node.textContent);
    }
  }
  return out;
}

async function start() {
  const input = box.querySelector("input");
  const status = box.querySelector(".search-status");
  const list = box.querySelector(".search-results");
  const listing = new URL(box.dataset.bundles, document.baseURI);
  // every bundle's pages are paths below the locale's folder
  const baseUrl = new URL(box.dataset.site, document.baseURI).pathname;
  let pagefind = null;

  async function load() {
    const { bundles } = await (await fetch(listing)).json();
    if (!bundles.length) throw new Error("no search bundle");
    const first = await import(new URL(`${bundles[0]}/pagefind.js`, listing).href);
    await first.options({ baseUrl });
    for (const name of bundles.slice(1)) {
      await first.mergeIndex(new URL(`${name}/`, listing).href, { baseUrl });
    }
    return first;
  }
  let latest = 0;
  box.hidden = false;

  async function run() {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    try {
      pagefind = pagefind || (await load());
    } catch (error) {
      status.textContent = box.dataset.unavailable;
      return;
    }
    const search = await pagefind.search(query);
    const found = await Promise.all(search.results.slice(0, 8).map((r) => r.data()));
    if (ticket !== latest) return; // a newer query is on its way
    list.replaceChildren(
      ...found.map((result) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = new URL(result.url, listing).href; // a path from the server root
        link.textContent = result.meta.title || result.url;
        item.append(link, excerpt(result.excerpt));
        return item;
      })
    );
    status.textContent = say(found.length ? box.dataset.found : box.dataset.none, query);
  }

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      input.value = "";
      run();
    }
  });
}

if (box) start();
