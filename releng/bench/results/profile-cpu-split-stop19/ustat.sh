#!/usr/bin/env bash
# /tmp/ustat.sh OUT ROUNDS RATES SIZES: both servers; per-5s user/sys ticks of each server process and generator
out=$1; rounds=$2; rates=$3; sizes=${4:-1000}
cd /work/main; mkdir -p $out
ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
java -Xmx4g -Djava.awt.headless=true -jar releng/bench/target/parley-bench.jar full fanout --sizes $sizes \
  --rounds $rounds --rates $rates --step-seconds 20 --server-jar ${SERVER_JAR:-server/target/parley-server.jar} \
  --out $out/results --work $out/work > $out/bench.log 2>&1 &
bench=$!
st() { [ -n "$1" ] && awk '{print $14, $15}' /proc/$1/stat 2>/dev/null || echo "0 0"; }
while kill -0 $bench 2>/dev/null; do
  p=$(pgrep -P "$bench" -f -- --data-dir | head -1); i=$(pgrep -x inspircd | head -1)
  echo "$(date +%T) parley $(st $p) insp $(st $i) gen $(st $bench) | $(grep -h '\[bench\]' $out/bench.log | tail -1 | cut -c9-100)" >> $out/samples
  sleep 5
done
