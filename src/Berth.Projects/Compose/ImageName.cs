using System.Text.RegularExpressions;

namespace Berth.Projects.Compose;

/// <summary>
/// An image named the way Berth's registry holds it: <c>repository[:tag]</c>. A first path part that looks like a
/// host (a dot, a colon or <c>localhost</c>) is refused: every image comes from Berth's own registry.
/// </summary>
internal static partial class ImageName
{
    public static (string Repository, string Tag)? Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        var slash = text.LastIndexOf('/');
        var (repository, tag) = colon > slash ? (text[..colon], text[(colon + 1)..]) : (text, "latest");
        var first = repository.Split('/')[0];
        var hostLike = repository.Contains('/') && (first.Contains('.') || first.Contains(':') || first == "localhost");
        return !hostLike && !text.Contains('@') && Repository().IsMatch(repository) && repository.Length <= 200 && Tag().IsMatch(tag)
            ? (repository, tag)
            : null;
    }

    [GeneratedRegex("^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$")]
    private static partial Regex Repository();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex Tag();
}
