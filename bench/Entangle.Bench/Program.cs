using BenchmarkDotNet.Running;

// Run all:      dotnet run -c Release --project bench/Entangle.Bench -- --filter '*'
// Run one area: dotnet run -c Release --project bench/Entangle.Bench -- --filter '*Bargaining*'
// Each benchmark class lives in its own file next to this one; see bench/README.md for targets and results.
if (args is ["escalation-speed"]) { Entangle.Bench.EscalationSpeed.Run(); return; }
if (args is ["escalation-speed", "bundled"]) { Entangle.Bench.EscalationSpeed.Run(bundledOnly: true); return; }
if (args is ["escalation-fingerprint"]) { Entangle.Bench.EscalationFingerprint.Run(); return; }
if (args is ["escalation-work", .., "--world", var world]) // the same on a synthetic world of S states and T theaters: --world SxT
{
    Entangle.Bench.EscalationFingerprint.World = world;
    args = args[..^2];
}
if (args is ["escalation-work", var n]) { Entangle.Bench.EscalationFingerprint.Work(int.Parse(n)); return; }
if (args is ["escalation-work", var n2, var runsPerBatch, var batches]) { Entangle.Bench.EscalationFingerprint.Work(int.Parse(n2), int.Parse(runsPerBatch), int.Parse(batches)); return; }
if (args is ["escalation-work", var n3, var runsPerBatch3, var batches3, var threads3]) { Entangle.Bench.EscalationFingerprint.Work(int.Parse(n3), int.Parse(runsPerBatch3), int.Parse(batches3), int.Parse(threads3)); return; }
if (args is ["ingest-speed"]) { Entangle.Bench.IngestSpeed.Run(); return; }
if (args is ["backtest-speed", var dataDir]) { Entangle.Bench.BacktestSpeed.Run(dataDir); return; }
if (args is ["server-load", ..]) { Entangle.Bench.ServerLoad.Run(args); return; }
if (args is ["cluster-scaling", ..]) { Entangle.Bench.ClusterScaling.Run(args); return; }
BenchmarkSwitcher.FromAssembly(typeof(Entangle.Bench.ServerLoad).Assembly).Run(args);
