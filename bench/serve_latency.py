# Edit-to-served latency of `cakupan serve` on the national site (see BENCHMARKS.md).
# Usage: python3 bench/serve_latency.py BIN SITE PORT   (env RUNS=7)
import subprocess, sys, time, urllib.request, os, glob, statistics, socket
bin_, site, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
runs = int(os.environ.get("RUNS", "5"))
def get(path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
    except Exception:
        return None, ""
env = dict(os.environ, CAKUPAN_TIMINGS="1")
p = subprocess.Popen([bin_, "serve", "--site", site, "--port", str(port)], stderr=open("/tmp/h-serve-bench.err", "w"), stdout=open("/tmp/h-serve-bench.out", "w"), env=env)
try:
    while get("/__cakupan/version")[0] != 200:
        time.sleep(0.05)
    md = os.path.join(site, "content/wilayah/11-01.md")
    slug = "kabupaten-aceh-selatan"
    page = f"/wilayah/{slug}/"
    assert get(page)[0] == 200, page
    orig = open(md).read()
    lat = []
    for i in range(runs + 1):
        token = f"Suntingan uji nomor {i} {time.time_ns()}"
        lines = orig.split("\n")
        lines[-2 if lines[-1] == "" else -1] += " " + token
        t0 = time.perf_counter()
        with open(md, "w") as f:
            f.write("\n".join(lines))
        while token not in get(page)[1]:
            time.sleep(0.005)
        dt = (time.perf_counter() - t0) * 1000
        if i > 0:
            lat.append(dt)
        print(f"run {i}: {dt:.0f} ms" + (" (warm-up)" if i == 0 else ""))
        time.sleep(1.0)
    print("median", round(statistics.median(lat)), "ms; runs", [round(x) for x in lat])
    open(md, "w").write(orig)
finally:
    p.kill(); p.wait()
