using BenchmarkDotNet.Running;

// Run all:      dotnet run -c Release --project bench/Entangle.Bench -- --filter '*'
// Run one area: dotnet run -c Release --project bench/Entangle.Bench -- --filter '*Bargaining*'
// Each benchmark class lives in its own file next to this one; see bench/README.md for targets and results.
if (args is ["escalation-speed"]) { Entangle.Bench.EscalationSpeed.Run(); return; }
if (args is ["server-load", ..]) { Entangle.Bench.ServerLoad.Run(args); return; }
BenchmarkSwitcher.FromAssembly(typeof(Entangle.Bench.ServerLoad).Assembly).Run(args);
