using System.CommandLine;
using Berth.Hosting;

// Invoked as `berth-gateway gateway [options]` (the ./berth wrapper passes its arguments through unchanged).
RootCommand root = new("Berth's gateway on its own (NativeAOT)") { GatewayCommand.Create() };
return await root.Parse(args).InvokeAsync();
