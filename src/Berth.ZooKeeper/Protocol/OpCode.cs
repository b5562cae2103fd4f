namespace Berth.ZooKeeper.Protocol;

/// <summary>The request types Berth's client sends (ZooDefs.OpCode on the server).</summary>
internal enum OpCode
{
    CloseSession = -11,
    Delete = 2,
    Exists = 3,
    GetData = 4,
    SetData = 5,
    Sync = 9,
    Ping = 11,
    GetChildren2 = 12,
    Create2 = 15,
    RemoveWatches = 18,
    Auth = 100,
    SetWatches = 101,
    AddWatch = 106,
}
