using System.Text;
using Berth.Gateway.Http;
using Berth.Gateway.Tests.Http.Reference;
using CsCheck;

namespace Berth.Gateway.Tests.Http;

/// <summary>
/// Fuzzing of the gateway's request-head and chunked-body parsers, differential against strict transcriptions of
/// RFC 9112 (<see cref="StrictRequestHeadParser"/>, <see cref="StrictChunkedParser"/>): on every input both must
/// accept or refuse alike and, when they accept, read the same framing. A gap between them is where a back end can
/// read a message differently from the gateway (request smuggling). The inputs are the corpus in <c>Http/Corpus/</c>,
/// mutations of it and generated messages, a bounded number per test (a few seconds in all).
/// </summary>
public sealed class ParserFuzzTests
{
    private const long Iterations = 10_000;

    [Fact]
    public void ChunkedFraming_CorpusSeeds_AgreesWithStrictParser()
    {
        foreach (var body in HttpCorpus.ChunkedBodies)
        {
            AssertChunkedAgrees(body);
        }
    }

    [Fact]
    public void ChunkedFraming_GeneratedBodies_AgreesWithStrictParser() =>
        Gen.Int.Sample(seed => AssertChunkedAgrees(HttpInputs.ChunkedBody(seed)), iter: Iterations, threads: 1);

    [Fact]
    public void ChunkedFraming_MutatedCorpus_AgreesWithStrictParser() =>
        Gen.Select(Gen.Int[0, HttpCorpus.ChunkedBodies.Count - 1], Gen.Int)
            .Sample((index, seed) => AssertChunkedAgrees(HttpInputs.Mutation(HttpCorpus.ChunkedBodies[index], seed)), iter: Iterations, threads: 1);

    [Fact]
    public void ChunkedFraming_RandomBytes_AgreesWithStrictParser() =>
        Gen.Byte.Array[0, 200].Sample(AssertChunkedAgrees, iter: Iterations, threads: 1);

    [Fact]
    public void RequestHeadParser_CorpusSeeds_AgreesWithStrictParser()
    {
        foreach (var head in HttpCorpus.RequestHeads)
        {
            AssertHeadAgrees(head);
        }
    }

    [Fact]
    public void RequestHeadParser_GeneratedHeads_AgreesWithStrictParser() =>
        Gen.Int.Sample(seed => AssertHeadAgrees(HttpInputs.RequestHead(seed)), iter: Iterations, threads: 1);

    [Fact]
    public void RequestHeadParser_MutatedCorpus_AgreesWithStrictParser() =>
        Gen.Select(Gen.Int[0, HttpCorpus.RequestHeads.Count - 1], Gen.Int)
            .Sample((index, seed) => AssertHeadAgrees(HttpInputs.CutAtEndOfHead(HttpInputs.Mutation(HttpCorpus.RequestHeads[index], seed))), iter: Iterations, threads: 1);

    [Fact]
    public void RequestHeadParser_RandomBytes_AgreesWithStrictParser() =>
        Gen.Byte.Array[0, 120].Sample(bytes => AssertHeadAgrees(HttpInputs.CutAtEndOfHead([.. "GET / HTTP/1.1\r\n"u8, .. bytes, .. "\r\n\r\n"u8])), iter: Iterations, threads: 1);

    /// <summary>Whole, then byte by byte (as a slow sender delivers it): the same verdict and end as the reference.</summary>
    private static void AssertChunkedAgrees(byte[] input)
    {
        var expected = StrictChunkedParser.Parse(input);
        var whole = default(ChunkedFraming);
        var consumed = whole.Advance(input);
        Assert.True(expected == Verdict(consumed, whole), $"whole: gateway {Verdict(consumed, whole)}, reference {expected} for \"{Escape(input)}\"");

        var trickled = default(ChunkedFraming);
        var verdict = StrictChunkedParser.Incomplete;
        for (var i = 0; i < input.Length && verdict == StrictChunkedParser.Incomplete; i++)
        {
            verdict = trickled.Advance(input.AsSpan(i, 1)) < 0 ? StrictChunkedParser.Invalid : trickled.IsDone ? i + 1 : StrictChunkedParser.Incomplete;
        }

        Assert.True(expected == verdict, $"byte by byte: gateway {verdict}, reference {expected} for \"{Escape(input)}\"");
    }

    private static int Verdict(int consumed, ChunkedFraming framing) =>
        consumed < 0 ? StrictChunkedParser.Invalid : framing.IsDone ? consumed : StrictChunkedParser.Incomplete;

    private static void AssertHeadAgrees(byte[]? input)
    {
        if (input is null)
        {
            return;
        }

        var expected = StrictRequestHeadParser.Parse(input);
        var head = new RequestHead();
        var error = RequestHeadParser.Parse(input, head);
        Assert.True((expected is not null) == (error == HeadError.None), $"gateway {error}, reference {(expected is null ? "refused" : "accepted")} for \"{Escape(input)}\"");
        if (expected is not null)
        {
            var read = new StrictHead(head.IsHttp11, head.Host.Equals(default(Range)) ? null : Encoding.Latin1.GetString(input.AsSpan()[head.Host]), head.ContentLength, head.Chunked);
            Assert.True(expected == read, $"gateway read {read}, reference {expected} for \"{Escape(input)}\"");
        }
    }

    private static string Escape(byte[] input) =>
        string.Concat(input.Select(b => b switch
        {
            (byte)'\r' => "\\r",
            (byte)'\n' => "\\n",
            (byte)'\t' => "\\t",
            (byte)'\\' => "\\\\",
            < 0x20 or >= 0x7f => $"\\x{b:x2}",
            _ => ((char)b).ToString(),
        }));
}
