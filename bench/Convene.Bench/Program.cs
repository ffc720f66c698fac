using Convene.Bench;

// dotnet run -c Release --project bench/Convene.Bench -- simulator [--seconds 5] [--runs 3]
// dotnet run -c Release --project bench/Convene.Bench -- client [--requests 2000]
// dotnet run -c Release --project bench/Convene.Bench -- provision [--quantity 10000] [--runs 3]
// dotnet run -c Release --project bench/Convene.Bench -- storm [--meetings 1000]
// dotnet run -c Release --project bench/Convene.Bench -- lifecycle
// dotnet run -c Release --project bench/Convene.Bench -- booking [--bookings 2000] [--queries 500] [--runs 3] [--sqlite-only]
// dotnet run -c Release --project bench/Convene.Bench -- ui
var name = args.FirstOrDefault() ?? "simulator";
var seconds = ArgInt(args, "--seconds", 5);
var runs = ArgInt(args, "--runs", 3);
switch (name)
{
    case "simulator":
        await SimulatorThroughput.RunAsync(TimeSpan.FromSeconds(seconds), runs);
        return 0;
    case "client":
        await ClientOverhead.RunAsync(ArgInt(args, "--requests", 2000));
        return 0;
    case "provision":
        await ProvisioningBench.RunAsync(ArgInt(args, "--quantity", 10_000), runs);
        return 0;
    case "storm":
        await StormBench.RunAsync(ArgInt(args, "--meetings", 1000), lifecycle: false);
        return 0;
    case "lifecycle":
        await StormBench.RunAsync(ArgInt(args, "--meetings", 1), lifecycle: true);
        return 0;
    case "booking":
        await BookingBench.RunAsync(ArgInt(args, "--bookings", 2000), ArgInt(args, "--queries", 500), runs, !args.Contains("--sqlite-only"));
        return 0;
    case "ui": await UiRenderBench.RunAsync(ArgInt(args, "--requests", 10)); return 0;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{name}'. Known: simulator, client, provision, storm, lifecycle, booking, ui");
        return 2;
}

static int ArgInt(string[] args, string flag, int fallback)
{
    var at = Array.IndexOf(args, flag);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && value > 0 ? value : fallback;
}
