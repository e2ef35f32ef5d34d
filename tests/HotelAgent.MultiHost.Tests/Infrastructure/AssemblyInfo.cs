// The tests start real processes (redis-server, two sample hosts) and time kills and restarts: running them one at a
// time keeps them from fighting for the CPU of a small machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
