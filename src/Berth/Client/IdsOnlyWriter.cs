using System.Text;

namespace Berth.Client;

/// <summary>
/// The output of a command run with <c>-q</c>: text passes through, but a table (<see cref="TablePrinter"/>) prints only
/// its first column — the ids — one per line without a header, as <c>docker ps -q</c> does, for <c>xargs</c> and loops.
/// </summary>
internal sealed class IdsOnlyWriter(TextWriter inner) : TextWriter
{
    public TextWriter Inner => inner;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value) => inner.Write(value);

    public override void WriteLine(string? value) => inner.WriteLine(value);

    public override Task WriteAsync(string? value) => inner.WriteAsync(value);

    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(value);

    public override void Flush() => inner.Flush();
}
