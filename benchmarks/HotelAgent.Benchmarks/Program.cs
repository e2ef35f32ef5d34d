using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using HotelAgent.Benchmarks;

// dotnet run -c Release --project benchmarks/HotelAgent.Benchmarks -- --filter '*'          (BenchmarkDotNet)
// dotnet run -c Release --project benchmarks/HotelAgent.Benchmarks -- memory [--conversations 1000000] [--redis-conversations 20000]
// dotnet run -c Release --project benchmarks/HotelAgent.Benchmarks -- turn-cpu [conversations]                        (CPU time per turn)
// dotnet run -c Release --project benchmarks/HotelAgent.Benchmarks -- webhook-cpu [deliveries]                        (the WhatsApp webhook's own CPU and allocation)
if (args is ["memory", ..])
{
    return await IdleMemory.RunAsync(args[1..]);
}

if (args is ["webhook-cpu", ..])
{
    return await WebhookCpu.RunAsync(args[1..]);
}

if (args is ["turn-cpu", ..])
{
    return await TurnCpu.RunAsync(args[1..]);
}

var job = args.Contains("--short") ? Job.ShortRun : Job.MediumRun;
var config = DefaultConfig.Instance
    .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance))
    .AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Where(a => a != "--short").ToArray(), config);
return 0;
