using Berth.Sweep;
using Microsoft.Build.Locator;

if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: dotnet run --project tools/Berth.Sweep -- Berth.slnx");
    return 2;
}

// Registered before any MSBuild type is loaded, which is why the workspace lives in SweepRun and not here.
MSBuildLocator.RegisterDefaults();
return await SweepRun.RunAsync(Path.GetFullPath(args[0]));
