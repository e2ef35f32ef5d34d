using Microsoft.Extensions.Options;

namespace HotelAgent.Nlu;

[OptionsValidator]
internal sealed partial class RuleBasedNluOptionsValidator : IValidateOptions<RuleBasedNluOptions>
{
}
