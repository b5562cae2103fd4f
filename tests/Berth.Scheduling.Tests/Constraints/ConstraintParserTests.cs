using Berth.Core.Hosts;
using Berth.Scheduling.Constraints;

namespace Berth.Scheduling.Tests.Constraints;

public sealed class ConstraintParserTests
{
    private static Host HostWith(params (string Key, string Value)[] labels) => new()
    {
        Name = "h",
        Engine = "unix:///var/run/docker.sock",
        AdvertiseIp = "127.0.0.1",
        Labels = labels.ToDictionary(l => l.Key, l => l.Value),
    };

    [Theory]
    [InlineData("labels.disk == ssd", "disk", ConstraintOperator.Equal, "ssd")]
    [InlineData("  labels.disk==ssd  ", "disk", ConstraintOperator.Equal, "ssd")]
    [InlineData("labels.disk != hdd", "disk", ConstraintOperator.NotEqual, "hdd")]
    [InlineData("labels.gpu", "gpu", ConstraintOperator.Exists, "")]
    [InlineData("!labels.gpu", "gpu", ConstraintOperator.Missing, "")]
    [InlineData("labels.zone in (a, b,c)", "zone", ConstraintOperator.In, "a|b|c")]
    [InlineData("labels.topology.kubernetes.io/zone == eu-west-1:a", "topology.kubernetes.io/zone", ConstraintOperator.Equal, "eu-west-1:a")]
    [InlineData("labels.owner == 'Team A'", "owner", ConstraintOperator.Equal, "Team A")]
    [InlineData("labels.owner in (\"x y\", z)", "owner", ConstraintOperator.In, "x y|z")]
    public void Parse_ValidText_GivesLabelOperatorAndValues(string text, string label, ConstraintOperator op, string values)
    {
        var constraint = ConstraintParser.Parse(text);

        Assert.Equal(label, constraint.Label);
        Assert.Equal(op, constraint.Operator);
        Assert.Equal(values.Length == 0 ? [] : values.Split('|'), constraint.Values);
        Assert.Equal(text.Trim(), constraint.Text);
    }

    [Theory]
    [InlineData("disk == ssd", "expected 'labels.KEY' at the start")]
    [InlineData("labels.", "expected a label key after 'labels.'")]
    [InlineData("labels.disk = ssd", "expected '==', '!=', 'in (…)' or nothing after 'labels.disk'")]
    [InlineData("labels.disk ==", "expected a value")]
    [InlineData("labels.disk == 'ssd", "the value opened with ' is never closed")]
    [InlineData("labels.zone in a, b", "expected '(' after 'in'")]
    [InlineData("labels.zone in (a b)", "expected ',' or ')' in the list")]
    [InlineData("labels.disk == ssd extra", "unexpected text after the constraint")]
    [InlineData("!labels.disk == ssd", "'!' only tests that a label is missing")]
    [InlineData("", "expected 'labels.KEY' at the start")]
    public void Parse_InvalidText_ThrowsSayingWhatIsWrong(string text, string expected)
    {
        var error = Assert.Throws<ConstraintFormatException>(() => ConstraintParser.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"constraint '{text}' is not valid:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("labels.disk == ssd", true, false, false)]
    [InlineData("labels.disk != ssd", false, true, true)]
    [InlineData("labels.disk in (ssd, nvme)", true, false, false)]
    [InlineData("labels.disk", true, true, false)]
    [InlineData("!labels.disk", false, false, true)]
    public void Refuse_HostsWithSsdHddOrNoDisk_KeepsTheRuleWhereExpected(string text, bool ssd, bool hdd, bool none)
    {
        var constraint = ConstraintParser.Parse(text);

        Assert.Equal(ssd, constraint.Refuse(HostWith(("disk", "ssd"))) is null);
        Assert.Equal(hdd, constraint.Refuse(HostWith(("disk", "hdd"))) is null);
        Assert.Equal(none, constraint.Refuse(HostWith()) is null);
    }

    [Fact]
    public void Refuse_ValuesAreCaseSensitive() =>
        Assert.Equal("label disk is 'SSD' (labels.disk == ssd)", ConstraintParser.Parse("labels.disk == ssd").Refuse(HostWith(("disk", "SSD"))));

    [Fact]
    public void ParseAll_OneBad_ThrowsForIt()
    {
        var error = Assert.Throws<ConstraintFormatException>(() => ConstraintParser.ParseAll(["labels.a", "labels.b ~ c"]));

        Assert.Contains("'labels.b ~ c'", error.Message, StringComparison.Ordinal);
    }
}
