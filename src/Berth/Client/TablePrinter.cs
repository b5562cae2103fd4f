namespace Berth.Client;

/// <summary>Writes rows as left-aligned columns, the way <c>docker ps</c> does.</summary>
internal static class TablePrinter
{
    private const string Gap = "   ";

    /// <summary>
    /// Writes a header line and one line per row; a table with no rows is just its header. To an <see cref="IdsOnlyWriter"/>
    /// (<c>-q</c>) only each row's first cell.
    /// </summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (writer is IdsOnlyWriter ids)
        {
            foreach (IReadOnlyList<string> row in rows)
            {
                ids.Inner.WriteLine(row[0]);
            }

            return;
        }

        List<IReadOnlyList<string>> lines = [headers, .. rows];
        int[] widths = new int[headers.Count];
        foreach (IReadOnlyList<string> line in lines)
        {
            for (int column = 0; column < widths.Length; column++)
            {
                widths[column] = Math.Max(widths[column], line[column].Length);
            }
        }

        foreach (IReadOnlyList<string> line in lines)
        {
            // The last column is not padded, so lines carry no trailing spaces.
            IEnumerable<string> cells = line.Select((cell, column) => column == widths.Length - 1 ? cell : cell.PadRight(widths[column]));
            writer.WriteLine(string.Join(Gap, cells));
        }
    }

    /// <summary>Writes <c>name: value</c> lines with the values aligned; a multi-line value continues under itself.</summary>
    public static void WriteFields(TextWriter writer, IReadOnlyList<(string Name, string Value)> fields)
    {
        int width = fields.Max(field => field.Name.Length) + 1;
        foreach ((string name, string value) in fields)
        {
            string[] valueLines = value.Split('\n');
            writer.WriteLine($"{(name + ":").PadRight(width)} {valueLines[0]}");
            foreach (string continuation in valueLines.Skip(1))
            {
                writer.WriteLine($"{new string(' ', width)} {continuation}");
            }
        }
    }
}
