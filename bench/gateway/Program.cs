using Berth.Bench.Gateway;

// bench/gateway helpers, started by run.sh:
//   backend ADDRESS                   a minimal Kestrel app answering ~100 bytes
//   gateway ADDRESS BACKEND...        Berth's gateway over an embedded store holding app "bench" with those backends
//   certificate ETCD CERT KEY SECRETKEY NAME...  stores the PEM certificate under each name in etcd's certificate store
return args switch
{
    ["backend", var address] => await Backend.RunAsync(address),
    ["gateway", var address, .. var backends] when backends.Length > 0 => await BenchGateway.RunAsync(address, backends),
    ["certificate", var etcd, var certificate, var key, var secretKey, .. var names] when names.Length > 0 =>
        await BenchCertificate.StoreAsync(etcd, certificate, key, secretKey, names),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: backend ADDRESS | gateway ADDRESS BACKEND... | certificate ETCD CERT KEY SECRETKEY NAME...");
    return 2;
}
