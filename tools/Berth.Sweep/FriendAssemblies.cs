using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Berth.Sweep;

/// <summary>The <c>InternalsVisibleTo</c> items the narrowed types need, checked in memory and then written to each csproj.</summary>
internal static partial class FriendAssemblies
{
    public static List<Friend> Needed(IEnumerable<string> narrowed, TypeUses uses, SolutionLayout layout) =>
        narrowed.SelectMany(uses.UsersOf)
            .Where(u => !layout.IsSource(u.User) && u.User.AssemblyName is not null)
            .Select(u => (Owner: layout.ProjectOf(u.Owner)?.FilePath, Friend: u.User.AssemblyName))
            .Where(f => f.Owner is not null && !Named(File.ReadAllText(f.Owner), f.Friend))
            .Select(f => new Friend(f.Owner!, f.Friend))
            .Distinct()
            .ToList();

    /// <summary>The same friends as assembly attributes in a document that is compiled but never written.</summary>
    public static Solution InMemory(Solution solution, IEnumerable<Friend> friends)
    {
        foreach (var group in friends.GroupBy(f => f.ProjectFile))
        {
            var project = solution.Projects.First(p => p.FilePath == group.Key);
            var attributes = string.Concat(group.Select(f => $"[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"{f.AssemblyName}\")]\n"));
            solution = project.AddDocument("BerthSweepFriends.cs", SourceText.From(attributes)).Project.Solution;
        }
        return solution;
    }

    /// <summary>Adds one item per friend next to the project's existing ones, or in a new ItemGroup at the end.</summary>
    public static void Write(IEnumerable<Friend> friends)
    {
        foreach (var group in friends.GroupBy(f => f.ProjectFile))
        {
            var text = File.ReadAllText(group.Key);
            var items = string.Concat(group.Select(f => f.AssemblyName).Order(StringComparer.Ordinal)
                .Select(name => $"    <InternalsVisibleTo Include=\"{name}\" />\n"));
            var last = Existing().Matches(text).LastOrDefault();
            text = last is not null
                ? text.Insert(last.Index + last.Length, items)
                : text.Replace("</Project>", $"  <ItemGroup>\n{items}  </ItemGroup>\n</Project>", StringComparison.Ordinal);
            File.WriteAllText(group.Key, text);
        }
    }

    private static bool Named(string projectText, string assemblyName) =>
        projectText.Contains($"<InternalsVisibleTo Include=\"{assemblyName}\"", StringComparison.Ordinal);

    [GeneratedRegex(@"^ *<InternalsVisibleTo Include=""[^""]+"" />\n", RegexOptions.Multiline)]
    private static partial Regex Existing();
}
