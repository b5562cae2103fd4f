using Berth.Bench.Gateway;

// bench/gateway helpers, started by run.sh:
//   backend ADDRESS                   a minimal Kestrel app answering ~100 bytes
//   gateway ADDRESS BACKEND...        Berth's gateway over an embedded store holding app "bench" with those backends
return args switch
{
    ["backend", var address] => await Backend.RunAsync(address),
    ["gateway", var address, .. var backends] when backends.Length > 0 => await BenchGateway.RunAsync(address, backends),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: backend ADDRESS | gateway ADDRESS BACKEND...");
    return 2;
}
