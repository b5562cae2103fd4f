namespace Berth.Core.Runtime;

public enum LogStream
{
    Stdout,
    Stderr,
}
