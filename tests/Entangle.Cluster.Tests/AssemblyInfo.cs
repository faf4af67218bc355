// The cluster tests start silos (in this process and as child processes) and time kills and joins against the
// sweep's progress: one test at a time, so that two of them do not compete for the machine's cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
