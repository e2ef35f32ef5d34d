namespace HotelAgent.Nlu;

/// <summary>
/// Reads a party described in words: the guest ("yo", "me", "eu", "I"), companions ("mi marido", "my wife", "minha
/// esposa"), couples ("dos matrimonios", "a couple"), children ("un nene de 6", "our 2 boys", "kids aged 4 and 9",
/// "o bebê") and travelling alone ("viajo sola", "just me", "só eu"). Ages are marked used so that they never become
/// dates or counts.
/// </summary>
internal static class PartyGrammar
{
    private enum Kind : byte
    {
        Self,
        Adult,
        AdultPair,
        AdultPlural,
        AdultTotal,
        Couple,
        Child,
        ChildPlural,
        Possessive,
        With,
        Alone,
    }

    private static readonly Dictionary<string, Kind> Words = Build();
    private static readonly Dictionary<string, Kind>.AlternateLookup<ReadOnlySpan<char>> Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    private static Dictionary<string, Kind> Build()
    {
        var words = new Dictionary<string, Kind>(StringComparer.Ordinal);
        void Add(Kind kind, string list)
        {
            foreach (var w in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                words[w] = kind;
            }
        }

        Add(Kind.Self, "yo eu myself conmigo comigo");
        Add(Kind.Adult, "mate nan nanna granny grandad granddad gramps grandma grandpa abuelita abuelito vovo buddy pal fella bloke bff colleague coworker parceiro parceira compa companheiro cunada cunado cuñada sobrinha primo prima cousin sogra senora senor marido esposa esposo mujer novio novia prometido prometida pareja companero companera wife husband partner boyfriend girlfriend fiance fiancee hubby missus spouse mulher namorado namorada companheiro companheira noivo noiva madre padre mama papa suegra suegro mother father mum mom dad mae pai sogra sogro hermana hermano sister brother irma irmao amigo amiga friend colleague colega abuela abuelo grandmother grandfather avo tia tio aunt uncle viejo vieja cunhado cunhada");
        Add(Kind.AdultPair, "padres suegros parents inlaws pais sogros abuelos abuelitos grandparents avos avozinhos viejos papas");
        Add(Kind.AdultPlural, "clientes clients customers guests huespedes hospedes amigos amigas friends colegas colleagues mates buddies girls guys chicas chicos amigues lads blokes companeros companeras companheiros companheiras coworkers workmates teammates cousins primos primas");
        Add(Kind.AdultTotal, "adultos adults adultas grownups");
        Add(Kind.Couple, "matrimonio matrimonios parejas couple couples casal casais");
        Add(Kind.Child, "kiddo enteado enteada hijastro hijastra stepson stepdaughter cria criatura beba bebita bebito bebezinha chamaco chamaca escuincle pibe piba gurí lad bebe baby toddler nene nena nino nina hijo hija kid child son daughter boy girl filho filha menino menina miudo miuda crianca peque chiquito chiquita bebezinho neto neta nieto nieta grandson granddaughter infant teenager adolescente teen sobrino sobrina nephew niece sobrinho sobrinha");
        Add(Kind.ChildPlural, "kiddies kiddos stepkids stepchildren enteados hijastros putos miudos twins mellizos mellizas gemelos gemelas gemeos gemeas trillizos triplets trigemeos chamacos escuincles pibes gurises guris nippers criaturas crios pequenos pequenas bebes babies toddlers nenes nenas ninos ninas hijos hijas kids children sons daughters boys girls filhos filhas meninos meninas miudos miudas criancas peques chicos chiquitos nietos netos grandchildren grandkids teenagers adolescentes teens sobrinos nephews nieces sobrinhos");
        Add(Kind.Possessive, "mi mis my our nuestro nuestra nuestros nuestras meu minha meus minhas nosso nossa nossos nossas tu su sus the el la los las o a os as");
        Add(Kind.With, "con with com plus mas");
        Add(Kind.Alone, "sola sozinho sozinha alone");
        return words;
    }

    /// <summary>Whether a word names one adult companion (1), one child (2), or neither (0): "mother", "cuñada", "o bebê".</summary>
    public static int Companion(ReadOnlySpan<char> word, ReadOnlySpan<char> next)
    {
        // "my wife's coming" is the wife; "my sister's two kids" are the kids.
        var possessive = word.Length > 3 && word[^1] == 's' && (!Lookup.ContainsKey(word) || (Lookup.ContainsKey(word[..^1]) && next is not ("are" or "were" or "have" or "will")));
        if (possessive && (next.IsEmpty || Lookup.ContainsKey(next) || Lexicon.Lookup.TryGetValue(next, out var id) && (Lexicon.Entry(id).Tags & (WordTag.Number | WordTag.NumberA)) != 0))
        {
            return 0;
        }

        return Lookup.TryGetValue(possessive ? word[..^1] : word, out var kind) ? kind switch { Kind.Adult => 1, Kind.Child => 2, _ => 0 } : 0;
    }

    /// <summary>Whether a word names people ("twins", "wife", "niños").</summary>
    public static bool IsPartyWord(ReadOnlySpan<char> word) => Lookup.TryGetValue(word, out var kind) && kind is not (Kind.Possessive or Kind.With);

    /// <summary>Reads the party; returns <see langword="false"/> when the message describes none.</summary>
    public static bool TryRead(ReadOnlySpan<char> buffer, Span<Token> tokens, out int? adults, out int? children) =>
        TryRead(buffer, tokens, out adults, out children, out _);

    /// <summary>The age from which a guest whose age is given counts as an adult, unless the options say otherwise.</summary>
    public const int DefaultAdultAge = RuleBasedNluDefaults.AdultAge;

    /// <summary>
    /// Reads the party, and says whether the message states a head count: <paramref name="stated"/> is 1 for the adults
    /// counted ("seríamos 3 adultos"), 2 for the whole party ("¿entramos los tres?", "somos cuatro"), 0 for none.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<char> buffer, Span<Token> tokens, out int? adults, out int? children, out int stated, string? language = null, int adultAge = DefaultAdultAge)
    {
        var grownAges = 0;
        adults = null;
        children = null;
        stated = 0;
        var self = false;
        var with = false;
        var stayedBehind = false;
        var alone = false;
        var companions = 0;
        var groups = 0;
        var total = 0;
        var adultCount = 0;
        var childCount = 0;
        var unknownChildren = false;
        var theyCount = 0;
        var noChildren = false;
        var any = false;
        var whole = 0;
        var wholeAt = -1;
        var familyWhole = false;
        var firstChildAt = -1;
        var agedChildren = 0;
        var relatedChildren = 0;
        var us = 0;
        var honeymoon = false;
        var namedChildren = 0;
        var countedChildren = 0;
        var more = false;
        var selfAt = -1;
        var adultsAfterWhole = 0;
        var pluralCount = 0;
        var appositionLeft = 0;
        var appositionUntil = -1;
        for (var i = OnlyListAt(buffer, tokens, language); i < tokens.Length; i++)
        {
            ref var t = ref tokens[i];
            if (t.Room >= 0 && t.Kind == TokenKind.Word && (IsCoupleAsPeople(buffer, tokens, i) || IsFamilyOf(buffer, tokens, i)))
            {
                t.Room = -1; // "somos um casal com dois miúdos", "a family of 4": people, not a "quarto de casal" or the family room.
            }

            if (t.Kind == TokenKind.Word && !t.Used && i + 1 < tokens.Length && buffer.Slice(t.Start, t.Length) is "twin" or "identical"
                && Word(buffer, tokens, i + 1) is "boys" or "girls" or "sons" or "daughters" or "babies" or "brothers" or "sisters")
            {
                // "our twin boys, they're 11": two children, not the twin room.
                t.Room = -1;
                tokens[i + 1].Used = true;
                childCount += 2;
                firstChildAt = firstChildAt < 0 ? i : firstChildAt;
                agedChildren += ReadAges(buffer, tokens, i + 2, adultAge, ref grownAges);
                any = true;
                i++;
                continue;
            }

            if (t.Kind == TokenKind.Number && !t.Used && GroupCount(buffer, tokens, i) is > 0 and var counted)
            {
                // "for the 4 of us" written in digits.
                if (counted > 100)
                {
                    whole = counted - 100;
                    wholeAt = i;
                    any = true;
                    continue;
                }

                us += counted;
                any = true;
                continue;
            }

            if (t.Kind != TokenKind.Word || t.Used || t.Room >= 0 || (i > 0 && tokens[i - 1].Room >= 0 && tokens[i - 1].Span > 1))
            {
                continue; // "cama de matrimonio" is a room, not a couple.
            }

            var word = buffer.Slice(t.Start, t.Length);
            var family = IsFamilyOf(buffer, tokens, i);
            var group = GroupCount(buffer, tokens, i);
            if (group > 100)
            {
                whole = group - 100;
                wholeAt = i;
                familyWhole = family;
                any = true;
                continue;
            }

            if (group > 0)
            {
                // "the two of us", "both of us", "los tres", "nós dois": the whole party, the guest included.
                us += group;
                any = true;
                continue;
            }

            if (IsAlonePhrase(buffer, tokens, i))
            {
                alone = true;
                any = true;
                continue;
            }

            if (TheyCount(buffer, tokens, i) is > 0 and var they)
            {
                // "for my grandparents, just the two of them", "para mis abuelos, ellos 2 nada más": the people booked for,
                // counted; the guest does not come.
                theyCount = they;
                any = true;
                continue;
            }

            if (word is "mrs" or "sra" or "senora" or "senhora" && i > 1 && IsAndWord(buffer, tokens[i - 1]) && Word(buffer, tokens, i - 2) is "mr" or "sr" or "senor" or "senhor")
            {
                // "for Mr and Mrs Fotheringham", "Sr. y Sra. Pérez": the couple is the party.
                us += 2;
                any = true;
                continue;
            }

            if (word is "month" or "months" or "year" or "years" && i > 0 && i + 1 < tokens.Length && IsWord(buffer, tokens[i + 1], "old")
                && (tokens[i - 1].Kind == TokenKind.Number || (tokens[i - 1].Tags & WordTag.Number) != 0) && tokens[i - 1].Value is >= 0 and <= 17
                && i > 1 && Word(buffer, tokens, i - 2) is "our" or "my" or "a" or "an" or "and" or "plus" or "with" or "the" or "their"
                && (i + 2 >= tokens.Length || !Lookup.ContainsKey(Word(buffer, tokens, i + 2))))
            {
                childCount += 1; // "my husband and me plus our 9 month old", "with our 2 year old": a child, named by age alone.
                firstChildAt = firstChildAt < 0 ? i : firstChildAt;
                agedChildren++;
                tokens[i - 1].Used = true;
                any = true;
                i++;
                continue;
            }

            if (word is "little" && i + 1 < tokens.Length && (IsWord(buffer, tokens[i + 1], "one") || IsWord(buffer, tokens[i + 1], "ones")))
            {
                // "our little one who's two"; "our two little ones (4 and 8)" are two.
                var ones = IsWord(buffer, tokens[i + 1], "ones") ? CountBefore(buffer, tokens, i, 0) : 1;
                firstChildAt = firstChildAt < 0 ? i : firstChildAt;
                tokens[i + 1].Used = true;
                var aged = ReadAges(buffer, tokens, i + 2, adultAge, ref grownAges);
                agedChildren += aged;
                // "our little ones - Alfie's 4 and Rosie is 10 months": two at least; "the little one's only 2" (written
                // without its apostrophe here) is one, with one age.
                childCount += ones > 0 ? ones : aged == 1 ? 1 : Math.Max(2, aged);
                any = true;
                i++;
                continue;
            }

            more |= word is "mas" or "more" or "mais" or "other" or "otro" or "otra" or "otros" or "otras" or "outro" or "outra" or "outros" or "outras" or "another";
            if (IsHoneymoon(buffer, tokens, i))
            {
                honeymoon = true;
                any = true;
                continue;
            }

            if (word is "mi" && IsSelfPronoun(buffer, tokens, i))
            {
                // "para mí y mi hijo": the pronoun, written like the possessive once its accent is folded away.
                self = true;
                selfAt = i;
                continue;
            }

            if (!Lookup.TryGetValue(word, out var kind))
            {
                // "para mí y ...", "me and my wife", "my wife and I", "eu e ...".
                if (IsSelfPronoun(buffer, tokens, i))
                {
                    self = true;
                    selfAt = i;
                }
                else if (OurCount(buffer, tokens, i) is > 0 and var ours)
                {
                    // "me and my husband plus our three, Sophie is 13, …": the children, counted by a possessive alone.
                    childCount += ours;
                    t.Used = true;
                    firstChildAt = firstChildAt < 0 ? i : firstChildAt;
                    agedChildren += ReadAges(buffer, tokens, i + 1, adultAge, ref grownAges);
                    any = true;
                }

                continue;
            }

            switch (kind)
            {
                case Kind.Self:
                    if (!(word is "yo" && language == "en"))
                    {
                        self = true; // "yo, need a room …": a greeting in English, not "I".
                        selfAt = i;
                    }

                    break;
                case Kind.With:
                    // Not the "com" of "quarto com duas camas", "room with a king bed": a room described; nor "con el
                    // correo …", "with my card": someone must follow.
                    with |= !DescribesTheRoom(buffer, tokens, i) && SomeoneAfter(buffer, tokens, i);
                    break;
                case Kind.Alone:
                    if (i > 0 && Word(buffer, tokens, i - 1) is "noche" or "noite" or "night" || i + 1 < tokens.Length && Word(buffer, tokens, i + 1) is "noche" or "noite" or "night")
                    {
                        break; // "una noche sola", "una sola noche": one night, not one guest.
                    }

                    alone = true;
                    any = true;
                    break;
                case Kind.Adult:
                    if (IsParentOfNamedChildren(buffer, tokens, i))
                    {
                        break; // "los dos críos de mi hermana", "os dois filhos da minha irmã": the sister's children come, not her.
                    }

                    if (StaysBehindWith(buffer, tokens, i))
                    {
                        stayedBehind = true;
                        break; // "la perrita se queda con mi mamá", "the dog stays with my mum": not travelling.
                    }

                    if (OwnerOfTheOccasion(buffer, tokens, i))
                    {
                        break; // "por lo del cumple de mi suegra", "a la boda de mi hermana": the occasion's, not a guest.
                    }

                    if (word.SequenceEqual("pareja") && !PossessiveBefore(buffer, tokens, i))
                    {
                        adultCount += 2 * CountBefore(buffer, tokens, i, 1); // "una pareja" is two people; "mi pareja" one.
                        groups++;
                    }
                    else
                    {
                        adultCount += 1;
                        companions++;
                        adultsAfterWhole += wholeAt >= 0 ? 1 : 0;
                    }

                    any = true;
                    break;
                case Kind.AdultPair:
                    adultCount += 2;
                    adultsAfterWhole += wholeAt >= 0 ? 2 : 0;
                    if (i > 0 && Word(buffer, tokens, i - 1) is "los" or "os" or "the" && !(i > 1 && Word(buffer, tokens, i - 2) is "con" or "com" or "with" or "plus" or "mas" or "y" or "e" or "and"))
                    {
                        groups++; // "somos os pais e três miúdos", "the parents and 2 kids": the parents are the guest and the other.
                    }
                    else
                    {
                        companions++; // "con mis padres": the guest comes on top.
                    }

                    any = true;
                    break;
                case Kind.AdultTotal:
                    {
                        // "4 adultos" counts everyone already named: "dos casais ... quarto pra 4 adultos" is 4.
                        var n = CountBefore(buffer, tokens, i, 0);
                        if (n > 0)
                        {
                            total = Math.Max(total, n);
                            any = true;
                        }

                        break;
                    }

                case Kind.AdultPlural:
                    {
                        var n = CountBefore(buffer, tokens, i, 0);
                        if (n > pluralCount && pluralCount > 0 && ForJustBefore(buffer, tokens, i))
                        {
                            // "with 3 buddies … anything for 4 guys?": the later, larger count asked for is the whole
                            // party ("3 amigos y 4 amigas" are seven).
                            total = Math.Max(total, n);
                            any = true;
                        }
                        else if (n > 0)
                        {
                            adultCount += n; // "para dos amigas" is the party; "con dos amigas" adds the guest.
                            pluralCount = n;
                            groups++;
                            any = true;
                        }

                        break;
                    }

                case Kind.Couple:
                    {
                        // "a couple of nights" is a number, not people; "habitación de matrimonio", "quarto de casal" a room.
                        // "dos parejas de amigos", "two couples of friends" are people.
                        if ((i + 1 < tokens.Length && (IsWord(buffer, tokens[i + 1], "of") || IsWord(buffer, tokens[i + 1], "de"))
                                && !(i + 2 < tokens.Length && Lookup.TryGetValue(Word(buffer, tokens, i + 2), out var who) && who is Kind.AdultPlural or Kind.Adult))
                            || (i > 0 && Word(buffer, tokens, i - 1) is "de" or "d" or "do"))
                        {
                            break;
                        }

                        adultCount += 2 * CountBefore(buffer, tokens, i, 1);
                        groups++;
                        any = true;
                        break;
                    }

                case Kind.Child:
                case Kind.ChildPlural:
                    {
                        if (kind == Kind.Child && i > 1 && tokens[i - 1].AfterPunctuation && Lookup.TryGetValue(Word(buffer, tokens, i - 1), out var owner) && owner == Kind.Possessive
                            && Lookup.TryGetValue(Word(buffer, tokens, i - 2), out var named) && named == Kind.Child)
                        {
                            break; // "a su hija, mi sobrina": the same child said twice.
                        }

                        if (kind == Kind.Child && tokens[i].Capitalized && i > 0 && tokens[i - 1].Capitalized && !tokens[i].AfterPunctuation
                            && tokens[i - 1].Kind == TokenKind.Word && (tokens[i - 1].Entry < 0 || tokens[i - 1].Fuzzy))
                        {
                            break; // "José Carlos de Souza Filho": the end of a surname, not a son.
                        }

                        if (word is "son" && i > 0 && Word(buffer, tokens, i - 1) is "datos" or "que" or "cuales" or "cuantos" or "cuantas" or "los" or "las" or "ellos" or "ellas"
                            or "estos" or "estas" or "esos" or "esas" or "precios" or "horarios" or "donde" or "cuando" or "como" or "todos" or "todas" or "mis" or "sus"
                            || (word is "son" && i + 1 < tokens.Length && (tokens[i + 1].Kind == TokenKind.Number || (tokens[i + 1].Tags & WordTag.Number) != 0) && (i == 0 || tokens[i].AfterPunctuation || !IsWord(buffer, tokens[i - 1], "my"))))
                        {
                            if (word is "son" && i + 2 <= tokens.Length && i + 1 < tokens.Length && !tokens[i + 1].Used && tokens[i + 1].Value is > 1 and <= 12
                                && (i + 2 == tokens.Length || ((tokens[i + 2].Tags & (WordTag.Nights | WordTag.Children | WordTag.Adults | WordTag.People | WordTag.Month | WordTag.RangeSep)) == 0
                                    && !RuleBasedNluEngine.IsRoomNoun(Word(buffer, tokens, i + 2)) && !RuleBasedNluEngine.IsTimeUnit(Word(buffer, tokens, i + 2)))))
                            {
                                // "a mis padres … son dos": the head count of the party, whoever was named.
                                tokens[i + 1].Used = true;
                                whole = tokens[i + 1].Value;
                                wholeAt = i;
                                any = true;
                            }

                            break; // "Los datos son …", "¿cuáles son …?": the Spanish verb, not a son.
                        }

                        if (word is "son" && language != "en")
                        {
                            break; // "las camas son de 90?", "no son 3 noches sino 4": outside English, the verb.
                        }

                        if (i > 0 && Word(buffer, tokens, i - 1) is "ningun" or "ninguna" or "ningunos" or "sin" or "no" or "nenhum" or "nenhuma" or "sem" or "without" or "zero")
                        {
                            noChildren = true; // "somos 4 adultas, ningún niño", "no kids", "sem crianças".
                            any = true;
                            break;
                        }

                        var possessive = PossessiveBefore(buffer, tokens, i);
                        var countedBefore = CountBefore(buffer, tokens, i, 0);
                        var n = countedBefore > 0 ? countedBefore : kind == Kind.Child ? 1 : 0;
                        var ages = ReadAges(buffer, tokens, i + 1, adultAge, ref grownAges);
                        if (i > 0 && Word(buffer, tokens, i - 1) is "perro" or "perrito" or "perrita" or "perra" or "dog" or "puppy" or "cachorro" or "cachorrinho" or "cachorrinha"
                            or "gato" or "gata" or "gatito" or "cat" or "kitten" or "mascota" or "pet" or "caniche" or "cao" or "cadela")
                        {
                            break; // "un perro chiquito", "a puppy": the pet, not a child.
                        }

                        if (kind == Kind.Child && ages == 0 && AboutTheChild(buffer, tokens, i))
                        {
                            break; // "e pra criança paga?", "¿para el niño hay cuna?": a question about a child, not the party.
                        }

                        agedChildren += ages;
                        firstChildAt = firstChildAt < 0 ? i : firstChildAt;
                        if (kind == Kind.Child && countedBefore <= 1 && appositionLeft > 0 && i <= appositionUntil && !MoreJustBefore(buffer, tokens, i))
                        {
                            appositionLeft--; // "dos hijas (una de 8 y la bebé de 2 años)", "two kids, a boy of 5 and a girl of 3": the same children.
                            any = true;
                            break;
                        }

                        if (kind == Kind.ChildPlural && countedBefore > 0 && countedBefore == childCount && agedChildren - ages >= countedBefore && !more
                            && word is "children" or "kids" or "ninos" or "ninas" or "criancas" or "chicos" or "peques" or "menores" or "hijos" or "filhos" or "miudos")
                        {
                            any = true; // "the kids are 7 and 10, so 2 grown ups and 2 children": the same children, counted.
                            break;
                        }

                        if (kind == Kind.ChildPlural && countedBefore >= 2 && ages < countedBefore && i + 1 < tokens.Length && tokens[i + 1].AfterPunctuation)
                        {
                            appositionLeft = countedBefore - ages;
                            appositionUntil = i + 20;
                        }
                        if (kind == Kind.Child && ages == 0 && word is "hijo" or "hija" or "son" or "daughter" or "filho" or "filha" or "sobrino" or "sobrina" or "nephew" or "niece" or "sobrinho" or "sobrinha"
                            or "nieto" or "nieta" or "grandson" or "granddaughter" or "neto" or "neta")
                        {
                            relatedChildren++; // a son or a niece, who may be grown up.
                        }

                        if (n == 0)
                        {
                            n = ages;
                        }

                        if (word is "twins" or "mellizos" or "mellizas" or "gemelos" or "gemelas" or "gemeos" or "gemeas" && n < 2)
                        {
                            n = 2; // "our twins aged 7"
                        }
                        else if (word is "trillizos" or "triplets" or "trigemeos" && n < 3)
                        {
                            n = 3;
                        }

                        if (n == 0)
                        {
                            unknownChildren = true;
                        }
                        else
                        {
                            childCount += n;
                            if (possessive)
                            {
                                namedChildren += n;
                            }
                            else if (countedBefore > 0)
                            {
                                countedChildren += n;
                            }
                        }

                        any = true;
                        break;
                    }
            }
        }

        if (!any)
        {
            return false;
        }

        if (alone)
        {
            adults = 1;
            children = childCount > 0 ? childCount : null;
            return true;
        }

        if (us > 0)
        {
            // "two of us plus the dog", "los dos y mi madre": the guest is among them, so not counted again; "somos cuatro
            // amigos … entremos los cuatro" says the same party twice.
            adultCount = adultCount == us ? us : adultCount + us;
        }

        if (stayedBehind && adultCount == 0 && companions == 0)
        {
            with = false; // "a de 6 fica com a avó": the "with" of someone staying behind says nothing of who travels.
        }

        if (adultCount > 0 || self || with || childCount > 0)
        {
            // The guest counts when they name themselves, travel "with" someone, or speak of a companion ("mi marido").
            // "el bebé duerme con nosotros": children named beside the party say nothing of the adults.
            var guest = us == 0 && (self || ((with || companions > 0) && groups == 0)) ? 1 : 0;
            if (!self && companions == 0 && adultCount == 0 && childCount > 0 && WithUs(buffer, tokens))
            {
                guest = 0;
            }

            if (guest == 1 && !self && !with && childCount == 0 && !unknownChildren && adultCount >= 2 && ForOthers(buffer, tokens))
            {
                guest = 0; // "a room for my parents", "I'm booking for my nan and grandad": the guest books for them.
            }

            if (guest == 1 && adultCount == 0 && companions == 0 && !self && (unknownChildren || childCount > 0) && SpeaksAsWe(buffer, tokens))
            {
                // "vamos con los niños", "queremos … los críos", "queremos ir con los niños (3 y 11 años)": the children come,
                // how many grown-ups is not said.
                guest = 0;
            }

            if (adultCount + guest > 0)
            {
                adults = adultCount + guest;
            }
        }

        if (honeymoon && adults is null && us == 0 && whole == 0)
        {
            adults = 2; // "nos acabamos de casar … luna de miel", "on our honeymoon": the two of them.
        }

        if (namedChildren > 0 && countedChildren > 0 && (total > 0 || whole > 0) && !more)
        {
            // "va mi sobrina de 5 años, somos 4 adultos y una niña": the child named, then counted in the party's total.
            childCount -= Math.Min(namedChildren, countedChildren);
        }

        if (total > 0)
        {
            adults = Math.Max(total, adults ?? 0) == total ? total : adults;
            if (childCount > 0 && childCount == relatedChildren && agedChildren == 0 && adultCount + (self ? 1 : 0) + childCount == total)
            {
                // "vamos mi hijo y yo, los dos adultos": the son named without an age is one of the adults counted.
                childCount = 0;
            }
        }

        if (whole > 0)
        {
            // "for the 4 of us: me, my wife and 2 kids", "para nós os quatro" after the children: everyone, children included;
            // "the two of us and our little one": the children come on top.
            var listed = adults ?? 0;
            adults = whole == 2 && adultsAfterWhole > 0 && selfAt < wholeAt ? whole + adultsAfterWhole // "nós os dois, a minha sogra e os miúdos": the couple, and more.
                : listed > 0 && listed + childCount == whole ? listed
                : childCount > 0 && firstChildAt > wholeAt && !familyWhole ? whole // "a family of four (two kids, 5 and 11)": the children are of the family.
                : Math.Max(1, whole - childCount);
        }

        if (theyCount > 0 && !self && us == 0 && whole == 0 && total == 0)
        {
            adults = Math.Max(1, theyCount - childCount);
        }

        if (grownAges > 0 && childCount > 0)
        {
            // "mi hija de 15", "two teenagers (14 and 16)": from the adult age on (the options' AdultAge), a son or a
            // daughter whose age is given counts as an adult.
            var grown = Math.Min(grownAges, childCount);
            childCount -= grown;
            adults = (adults ?? 0) + grown;
        }

        if (childCount > 0)
        {
            children = childCount;
        }
        else if (noChildren)
        {
            children = 0;
        }
        else if (unknownChildren && adults is null)
        {
            return false;
        }

        stated = whole > 0 ? 2 : total > 0 ? 1 : 0;
        return adults is not null || children is not null;
    }

    /// <summary>
    /// Where the party is said again as the only people who come: "mi hermana … siempre no va. Somos nomás mi mamá y yo",
    /// "it's just me and my mum now", "só vamos eu e a minha mãe". Who was named before it does not count; 0 without one.
    /// </summary>
    private static int OnlyListAt(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, string? language)
    {
        for (var i = tokens.Length - 3; i > 0; i--)
        {
            var w = Word(buffer, tokens, i);
            if (w is not ("just" or "only" or "nomas" or "solo" or "solamente" or "so" or "apenas" or "somente") || (w is "so" && language == "en"))
            {
                continue; // English "so" is "therefore" ("it's our anniversary so me and my wife …"), Portuguese "só" is "only".
            }

            var k = i + 1;
            if (Word(buffer, tokens, k) is "vamos" or "viajamos" or "vamo" or "somos" or "seremos" or "iremos")
            {
                k++;
            }

            var first = k < tokens.Length ? Word(buffer, tokens, k) : default;
            if (first is "os" or "los" or "las" or "as" or "the" && k + 1 < tokens.Length && (tokens[k + 1].Tags & WordTag.Number) != 0 && tokens[k + 1].Value is > 0 and <= 6)
            {
                return i + 1; // "afinal eles não vêm. Somos só os dois": the two of them, whoever was named before.
            }

            if (first is "me" or "i" or "yo" or "eu" || (Lookup.TryGetValue(first, out var possessive) && possessive == Kind.Possessive))
            {
                for (var a = k + 1; a < tokens.Length && a <= k + 3 && !tokens[a].AfterPunctuation; a++)
                {
                    if (IsAndWord(buffer, tokens[a]))
                    {
                        return i + 1;
                    }
                }
            }
        }

        return 0;
    }

    /// <summary>
    /// Whether the first people named are introduced by "for"/"para"/"pra" ("a double for my parents", "reservar para
    /// mis padres", "booking for my nan and grandad") and nothing says the guest comes ("we", "us", "nosotros", "a gente").
    /// </summary>
    private static bool ForOthers(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        var first = -1;
        for (var i = 0; i < tokens.Length; i++)
        {
            var w = Word(buffer, tokens, i);
            if (w is "we" or "us" or "were" or "well" or "our" or "nosotros" or "nosotras" or "vamos" or "somos" or "gente" or "nos" or "nuestro" or "nuestra" or "nosso" or "nossa")
            {
                return false;
            }

            if (first < 0 && Lookup.TryGetValue(w, out var kind) && kind is Kind.Adult or Kind.AdultPair)
            {
                first = i;
            }
        }

        var k = first - 1;
        // Over "my", "mis", "meus" and the article before them: "para os meus avós", "for the in-laws".
        while (k >= 0 && ((Lookup.TryGetValue(Word(buffer, tokens, k), out var possessive) && possessive == Kind.Possessive)
            || Word(buffer, tokens, k) is "os" or "as" or "the" or "los" or "las"))
        {
            k--;
        }

        return k >= 0 && Word(buffer, tokens, k) is "for" or "para" or "pra";
    }

    /// <summary>
    /// The count of the people a guest books for, said as "them": "the two of them", "both of them", "ellos 2", "ellas
    /// dos", "eles dois" (the count marked used); 0 when the word at <paramref name="i"/> starts no such phrase.
    /// </summary>
    private static int TheyCount(ReadOnlySpan<char> buffer, Span<Token> tokens, int i)
    {
        var w = Word(buffer, tokens, i);
        if (w is "them" && i > 1 && Word(buffer, tokens, i - 1) is "of")
        {
            if (Word(buffer, tokens, i - 2) is "both")
            {
                return 2;
            }

            ref var n = ref tokens[i - 2];
            if ((n.Tags & WordTag.Number) != 0 || n.Kind == TokenKind.Number)
            {
                n.Used = true;
                return n.Value is >= 2 and <= 9 ? n.Value : 0;
            }
        }

        if (w is "ellos" or "ellas" or "eles" or "elas" && i + 1 < tokens.Length && ((tokens[i + 1].Tags & WordTag.Number) != 0 || tokens[i + 1].Kind == TokenKind.Number)
            && tokens[i + 1].Value is >= 2 and <= 9)
        {
            tokens[i + 1].Used = true;
            return tokens[i + 1].Value;
        }

        return 0;
    }

    /// <summary>Whether a person or a count follows "with" within three words: "con mi hermana", "with 2 friends", "com a bebé".</summary>
    private static bool SomeoneAfter(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        for (var k = i + 1; k < tokens.Length && k <= i + 3; k++)
        {
            var w = Word(buffer, tokens, k);
            if (IsPartyWord(w) || (tokens[k].Tags & (WordTag.Number | WordTag.Children | WordTag.Adults | WordTag.People)) != 0 || tokens[k].Kind == TokenKind.Number
                || w is "nosotros" or "nosotras" or "us" or "them" or "ellos" or "ellas" or "eles" or "elas" or "nos" or "someone" or "alguien" or "alguem")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the guest speaks for a group: "vamos", "queremos", "we", "nosotros", "a gente".</summary>
    private static bool SpeaksAsWe(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        foreach (ref readonly var t in tokens)
        {
            if (buffer.Slice(t.Start, t.Length) is "we" or "us" or "were" or "our" or "nosotros" or "nosotras" or "vamos" or "queremos" or "somos" or "viajamos"
                or "gente" or "nuestro" or "nuestros" or "nuestra" or "nosso" or "nossos" or "nossa" or "queriamos" or "podemos" or "iremos" or "vamo")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether "with"/"con"/"com" at <paramref name="i"/> describes the room rather than who comes: "quarto com duas
    /// camas", "a room with two beds", "con baño", a room's name right after it.
    /// </summary>
    private static bool DescribesTheRoom(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        var next = i + 1;
        if (next < tokens.Length && (tokens[next].Room >= 0 || tokens[next].Covered))
        {
            return true;
        }

        next += next < tokens.Length && ((tokens[next].Tags & WordTag.Number) != 0 || tokens[next].Kind == TokenKind.Number || Word(buffer, tokens, next) is "a" or "an" or "uma" or "una") ? 1 : 0;
        return next < tokens.Length && Word(buffer, tokens, next) is "cama" or "camas" or "bed" or "beds" or "bano" or "banos" or "banheiro" or "banheira"
            or "bathroom" or "bathtub" or "balcon" or "balcony" or "varanda" or "vista" or "view" or "terraza" or "terrace" or "jacuzzi" or "cocina" or "kitchen" or "cozinha";
    }

    /// <summary>"plus a baby", "y también un bebé": one of the two words before the child adds it to those counted.</summary>
    private static bool MoreJustBefore(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        for (var k = i - 1; k >= 0 && k >= i - 2; k--)
        {
            if (Word(buffer, tokens, k) is "plus" or "mas" or "more" or "tambien" or "also" or "tambem")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"our three", "nuestros dos", "os nossos 3" closing a list of people: that many children, no noun said.</summary>
    private static int OurCount(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        ref readonly var t = ref tokens[i];
        var n = i + 1;
        return (t.Tags & WordTag.Number) != 0 && !t.Used && !t.Ordinal && t.Value is > 1 and <= 6 && i > 0
            && Word(buffer, tokens, i - 1) is "our" or "nuestros" or "nuestras" or "nossos" or "nossas"
            && (n >= tokens.Length || tokens[n].AfterPunctuation || IsAndWord(buffer, tokens[n])) ? t.Value : 0;
    }

    /// <summary>A honeymoon or newlyweds: "luna de miel", "lua de mel", "honeymoon", "recién casados", "just married", "acabamos de casarnos".</summary>
    private static bool IsHoneymoon(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        var w = Word(buffer, tokens, i);
        return w is "honeymoon" or "honeymooners" or "newlyweds" or "newlywed"
            || (w is "miel" or "mel" && i > 1 && Word(buffer, tokens, i - 1) is "de" && Word(buffer, tokens, i - 2) is "luna" or "lua")
            || (w is "casados" or "casadas" or "casadinhos" && i > 0 && Word(buffer, tokens, i - 1) is "recien" or "recem")
            || (w is "married" && i > 0 && Word(buffer, tokens, i - 1) is "just" or "newly")
            || (w is "casar" or "casarnos" or "casarmos" && i > 1 && Word(buffer, tokens, i - 1) is "de" && Word(buffer, tokens, i - 2) is "acabamos" or "acabamo");
    }

    private static int GroupCount(ReadOnlySpan<char> buffer, Span<Token> tokens, int i)
    {
        ref var t = ref tokens[i];
        var ofUs = i + 2 < tokens.Length && IsWord(buffer, tokens[i + 1], "of") && IsWord(buffer, tokens[i + 2], "us");
        if (IsWord(buffer, t, "both") && ofUs)
        {
            return 2;
        }

        if ((t.Tags & WordTag.Number) != 0 && !t.Used && t.Value is > 1 and <= 12 && ofUs)
        {
            t.Used = true;

            // "for the 4 of us", "the other 4 of us", "all 3 of us": the whole party, whoever else was named.
            // "there'll be five of us: me and my husband plus our three", "three of us, me, my husband and …": the head count, then who.
            return (i > 0 && (IsWord(buffer, tokens[i - 1], "the") || IsWord(buffer, tokens[i - 1], "other") || IsWord(buffer, tokens[i - 1], "all")))
                || i + 3 >= tokens.Length || tokens[i + 3].AfterPunctuation ? t.Value + 100 : t.Value;
        }

        var w = buffer.Slice(t.Start, t.Length);
        if (IsFamilyOf(buffer, tokens, i) && tokens[i + 2] is { Used: false, Value: > 1 and <= 12 })
        {
            // "somos una familia de 5: mi marido, yo y los tres chicos", "a family of 4": everyone, children included.
            tokens[i + 2].Used = true;
            return tokens[i + 2].Value + 100;
        }

        if (w is "vamos" or "viajamos" or "iremos" or "vamo" && i + 1 < tokens.Length && (tokens[i + 1].Tags & WordTag.Number) != 0 && !tokens[i + 1].Used && tokens[i + 1].Value is > 1 and <= 12
            && (i + 2 >= tokens.Length || ((tokens[i + 2].Tags & (WordTag.Nights | WordTag.Children | WordTag.Adults | WordTag.People | WordTag.Month)) == 0
                && !Lookup.ContainsKey(buffer.Slice(tokens[i + 2].Start, tokens[i + 2].Length)))))
        {
            // "vamos 4 nomás": the head count, whoever is named after.
            tokens[i + 1].Used = true;
            return tokens[i + 1].Value + 100;
        }

        if (w is "los" or "las" or "nosotros" or "nosotras" or "nos" or "os" or "as" or "somos" && i + 1 < tokens.Length)
        {
            ref var n = ref tokens[i + 1];
            var last = i + 2 >= tokens.Length || tokens[i + 2].AfterPunctuation || (tokens[i + 2].Tags & WordTag.And) != 0;
            var withPrev = i > 0 && (IsWord(buffer, tokens[i - 1], "con") || IsWord(buffer, tokens[i - 1], "com") || IsWord(buffer, tokens[i - 1], "para") || IsWord(buffer, tokens[i - 1], "todos")
                || (w is "los" or "las" or "os" or "as" && (IsWord(buffer, tokens[i - 1], "nos") || IsWord(buffer, tokens[i - 1], "nosotros") || IsWord(buffer, tokens[i - 1], "nosotras"))));
            // "si entramos los 5 ahí", "cabemos los 4 juntos": the whole party fitting in a room, not the 5th.
            var fits = w is "los" or "las" or "os" or "as" && i > 0 && Word(buffer, tokens, i - 1) is "entramos" or "entremos" or "cabemos" or "quepamos" or "cabem" or "ficamos" or "dormimos" or "estamos"
                && (last || (i + 2 < tokens.Length && Word(buffer, tokens, i + 2) is "ahi" or "alli" or "aca" or "aqui" or "ai" or "juntos" or "juntas" or "todos" or "todas" or "bien" or "bem" or "comodos" or "comodas"));
            if ((n.Tags & WordTag.Number) != 0 && (n.Kind == TokenKind.Word || withPrev || fits) && !n.Used && !n.Ordinal && n.Value is > 1 and <= 6 && (last || fits) && w is not "somos")
            {
                n.Used = true;
                return withPrev || fits ? n.Value + 100 : n.Value; // "resérvela así con los 3": the whole party.
            }
        }

        return 0;
    }

    /// <summary>"mi hermana no puede", "my sister can't make it", "a minha irmã não vai": the companion does not travel.</summary>
    private static bool CannotCome(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        var next = i + 1 < tokens.Length ? Word(buffer, tokens, i + 1) : default;
        var then = i + 2 < tokens.Length ? Word(buffer, tokens, i + 2) : default;
        return (next is "no" && then is "puede" or "viene" or "va" or "podra" or "vendra" or "ira")
            || (next is "nao" && then is "pode" or "vem" or "vai" or "podera" or "vira")
            || (next is "can" && then is "t") || next is "cannot" or "cant" or "wont" || (next is "won" && then is "t")
            || (next is "isn" or "is" && then is "t" or "not" && i + 3 < tokens.Length && Word(buffer, tokens, i + 3) is "coming" or "able");
    }

    /// <summary>Whether a companion word is the one whose children are named: "los críos de mi hermana", "the kids of my sister".</summary>
    private static bool IsParentOfNamedChildren(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        var k = i - 1;
        while (k >= 0 && Lookup.TryGetValue(Word(buffer, tokens, k), out var kind) && kind == Kind.Possessive)
        {
            k--;
        }

        if (k < 1 || Word(buffer, tokens, k) is not ("de" or "del" or "da" or "do" or "of"))
        {
            return false;
        }

        return Lookup.TryGetValue(Word(buffer, tokens, k - 1), out var before) && before is Kind.Child or Kind.ChildPlural;
    }

    /// <summary>
    /// "with my brother rather than my girlfriend", "con mi hermana en vez de mi novio", "com o meu irmão em vez da
    /// minha namorada": the companion replaced does not travel.
    /// </summary>
    private static bool IsReplaced(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        for (var k = i - 1; k >= 1 && k >= i - 3; k--)
        {
            var w = Word(buffer, tokens, k);
            var before = Word(buffer, tokens, k - 1);
            if (RuleBasedNluEngine.SaysInsteadOf(w, before, k > 1 ? Word(buffer, tokens, k - 2) : default) || (w is "con" or "com" or "with" && before is "no" or "nao" or "not"))
            {
                return true; // "... y no con mi colega", "e não com a minha namorada", "and not with my girlfriend".
            }

            if (!Lookup.TryGetValue(w, out var kind) || kind != Kind.Possessive)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Whether "for"/"para" comes just before the count of the people word at <paramref name="i"/>: "for 4 guys".</summary>
    private static bool ForJustBefore(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        for (var k = i - 2; k >= 0 && k >= i - 3; k--)
        {
            if (Word(buffer, tokens, k) is "for" or "para" or "pra")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the relative at <paramref name="i"/> owns what is spoken of ("el cumple de mi suegra", "la boda de mi
    /// hermana", "o casamento da minha prima", "the wedding of my cousin") rather than travelling: a noun that is no
    /// person, then "de"/"of" and a possessive.
    /// </summary>
    private static bool OwnerOfTheOccasion(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        if (i < 3 || !PossessiveBefore(buffer, tokens, i) || Word(buffer, tokens, i - 1) is "el" or "la" or "the" or "o" or "a" or "los" or "las" or "os" or "as"
            || Word(buffer, tokens, i - 2) is not ("de" or "del" or "da" or "do" or "of") || tokens[i - 3].Kind != TokenKind.Word)
        {
            return false;
        }

        var owner = Word(buffer, tokens, i - 3);
        return !Lookup.ContainsKey(owner) && !RuleBasedNluEngine.IsRoomNoun(owner) && (tokens[i - 3].Tags & (WordTag.Number | WordTag.NumberA | WordTag.Adults | WordTag.Children | WordTag.People)) == 0
            && owner is not ("familia" or "family" or "grupo" or "group" or "parte" or "part" or "resto" or "rest" or "reserva" or "reservas" or "reservacion" or "reservation"
                or "booking" or "nombre" or "nome" or "name");
    }

    private static bool StaysBehindWith(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        if (IsReplaced(buffer, tokens, i) || CannotCome(buffer, tokens, i))
        {
            return true;
        }

        for (var k = i - 1; k >= 1 && k >= i - 3; k--)
        {
            if (Word(buffer, tokens, k) is "con" or "with" or "com")
            {
                // "se queda con mi mamá", "we'll leave the dog with grandma", "dejamos al perro con mi hermana".
                for (var v = k - 1; v >= 0 && v >= k - 4; v--)
                {
                    if ((tokens[v].Tags & (WordTag.Weekday | WordTag.Number | WordTag.Month | WordTag.RelDay)) != 0 || tokens[v].Kind == TokenKind.Number)
                    {
                        return false; // "we leave on Friday with my wife": a departure, and the wife comes.
                    }

                    if (Word(buffer, tokens, v) is "queda" or "quedan" or "quedara" or "quedaria" or "stays" or "stay" or "staying" or "fica" or "ficam" or "ficar" or "ficara"
                        or "dejamos" or "dejo" or "dejar" or "deixamos" or "deixo" or "deixar" or "leave" or "leaving" or "left")
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        return false;
    }

    private static bool AboutTheChild(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        var k = i - 1;
        if (k >= 0 && Word(buffer, tokens, k) is "el" or "la" or "the" or "o" or "a")
        {
            k--;
        }

        return k >= 0 && k < i && Word(buffer, tokens, k) is "pra" or "para" or "por" or "for" or "pelo" or "pela" or "del" or "do" or "da" or "of";
    }

    private static bool WithUs(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        for (var i = 1; i < tokens.Length; i++)
        {
            if (Word(buffer, tokens, i) is "nosotros" or "nosotras" or "nos" or "us" or "nois" or "conosco" && Word(buffer, tokens, i - 1) is "con" or "with" or "com" or "entre")
            {
                return true;
            }

            if (Word(buffer, tokens, i) is "connosco" or "conosco" || (Word(buffer, tokens, i) is "gente" && i > 1 && Word(buffer, tokens, i - 1) is "a" && Word(buffer, tokens, i - 2) is "com"))
            {
                return true; // "a bebé dorme connosco", "o bebê dorme com a gente".
            }
        }

        return false;
    }

    private static bool IsCoupleAsPeople(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        var w = buffer.Slice(tokens[i].Start, tokens[i].Length);
        if (w is not ("casal" or "matrimonio" or "pareja" or "couple"))
        {
            return false;
        }

        var prev = i > 0 && tokens[i - 1].Kind == TokenKind.Word ? buffer.Slice(tokens[i - 1].Start, tokens[i - 1].Length) : default;
        var prev2 = i > 1 ? buffer.Slice(tokens[i - 2].Start, tokens[i - 2].Length) : default;
        var next = i + 1 < tokens.Length ? buffer.Slice(tokens[i + 1].Start, tokens[i + 1].Length) : default;
        var childNext = i + 2 < tokens.Length && (tokens[i + 1].Kind == TokenKind.Number || next is "un" or "una" or "um" or "uma" or "a" or "one" or "o")
            && Lookup.TryGetValue(Word(buffer, tokens, i + 2), out var who) && who is Kind.Child or Kind.ChildPlural;
        return prev is "um" or "uma" or "un" or "una" or "somos" or "a" or "we" or "were" or "dos" or "dois" or "two" || (i > 0 && (tokens[i - 1].Tags & WordTag.Number) != 0)
            || (prev is "o" or "el" or "the" && prev2 is "somos" or "seremos" or "were" or "vamos") // "somos o casal e o bebé"
            || (i == 0 || tokens[i].AfterPunctuation) && childNext; // "casal + 1 criança de 2 anos"
    }

    // "a family of 4", "somos una familia de cinco", "uma família de 3": the party, not the family room.
    // "a family of 4", "somos uma família de 5"; not "quarto família de 2 a 5 de janeiro", where the number is a day.
    private static bool IsFamilyOf(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i) =>
        buffer.Slice(tokens[i].Start, tokens[i].Length) is "family" or "familia"
        && i + 2 < tokens.Length && (IsWord(buffer, tokens[i + 1], "of") || IsWord(buffer, tokens[i + 1], "de"))
        && (tokens[i + 2].Kind == TokenKind.Number || (tokens[i + 2].Tags & WordTag.Number) != 0) && !tokens[i + 2].Ordinal
        && (i + 3 >= tokens.Length || ((tokens[i + 3].Tags & (WordTag.RangeSep | WordTag.Month | WordTag.Nights)) == 0
            && !(i + 4 < tokens.Length && (IsWord(buffer, tokens[i + 3], "de") || IsWord(buffer, tokens[i + 3], "of")) && (tokens[i + 4].Tags & WordTag.Month) != 0)));

    private static bool IsAlonePhrase(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        var w = buffer.Slice(tokens[i].Start, tokens[i].Length);
        var next = i + 1 < tokens.Length ? buffer.Slice(tokens[i + 1].Start, tokens[i + 1].Length) : default;
        var prev = i > 0 ? buffer.Slice(tokens[i - 1].Start, tokens[i - 1].Length) : default;
        var next2 = i + 2 < tokens.Length ? buffer.Slice(tokens[i + 2].Start, tokens[i + 2].Length) : default;
        // "solo yo", "just me"; not "solo mi pareja" (only my partner).
        return (w is "just" or "only" or "solo" or "so" or "somente" or "apenas" or "solamente" or "nomas" && next is "me" or "myself" or "yo" or "eu" or "mi"
                && (i + 2 >= tokens.Length || (!IsAndWord(buffer, tokens[i + 2]) && (next is not "mi" || tokens[i + 2].AfterPunctuation))))
            || (w is "just" or "only" or "solo" or "so" or "somente" or "apenas" or "solamente" && next is "for" or "para" or "pra" && next2 is "me" or "myself" or "mi" or "mim"
                && (i + 3 >= tokens.Length || !IsAndWord(buffer, tokens[i + 3])))
            || (w is "solo" or "sola" && prev is "viajo" or "voy" or "ire" or "vengo" or "yo" or "viajare" or "estare" or "mi")
            || (w is "own" && prev is "my")
            || (w is "myself" && prev is "by")
            || (w is "solo" && prev is "travelling" or "traveling" or "travel" or "a")
            || (w is "single" && next is "traveller" or "traveler");
    }

    private static bool IsSelfPronoun(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        var w = buffer.Slice(tokens[i].Start, tokens[i].Length);
        var prevAnd = i > 0 && IsAndWord(buffer, tokens[i - 1]);
        var nextAnd = i + 1 < tokens.Length && IsAndWord(buffer, tokens[i + 1]);
        return w switch
        {
            "me" or "i" => nextAnd || prevAnd,
            "mi" or "mim" => (i + 1 >= tokens.Length || nextAnd || tokens[i + 1].AfterPunctuation) && i > 0 && IsWord(buffer, tokens[i - 1], "para") || (prevAnd && (i + 1 >= tokens.Length || tokens[i + 1].AfterPunctuation)),
            _ => false,
        };
    }

    private static bool IsAndWord(ReadOnlySpan<char> buffer, in Token t) =>
        IsWord(buffer, t, "and") || IsWord(buffer, t, "y") || IsWord(buffer, t, "e") || IsWord(buffer, t, "plus") || IsWord(buffer, t, "con") || IsWord(buffer, t, "with") || IsWord(buffer, t, "com");

    private static bool PossessiveBefore(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i) =>
        i > 0 && Lookup.TryGetValue(buffer.Slice(tokens[i - 1].Start, tokens[i - 1].Length), out var k) && k == Kind.Possessive
        && !IsWord(buffer, tokens[i - 1], "a") && !IsWord(buffer, tokens[i - 1], "la") && !IsWord(buffer, tokens[i - 1], "the");

    /// <summary>The count before a person word ("our 2 boys", "dos matrimonios", "os dois miúdos"), marking it used; <paramref name="fallback"/> without one.</summary>
    private static int CountBefore(ReadOnlySpan<char> buffer, Span<Token> tokens, int i, int fallback)
    {
        for (var k = i - 1; k >= 0 && k >= i - 3; k--)
        {
            ref var t = ref tokens[k];
            if (tokens[k + 1].AfterPunctuation || (t.Tags & WordTag.Month) != 0)
            {
                break; // "del 15 al 19 de marzo, pareja": the day of a date, not a count of couples.
            }

            if ((t.Tags & (WordTag.Number | WordTag.NumberA)) != 0 && !t.Ordinal && t.Value is > 0 and <= 20)
            {
                if (t.Used)
                {
                    return fallback;
                }

                t.Used = true;
                return t.Value;
            }

            if (t.Kind == TokenKind.Word && Lookup.TryGetValue(buffer.Slice(t.Start, t.Length), out var kind) && kind == Kind.Possessive)
            {
                continue;
            }

            if (IsWord(buffer, t, "of") && k < i - 1)
            {
                return fallback; // "2 of the girls will stay elsewhere": some of a group, not the party.
            }

            if (IsAndWord(buffer, t))
            {
                break; // "una de 8 y la bebé": the 8 is an age said before, not a count of babies.
            }

            if (t.Kind == TokenKind.Word && t.Length > 2 && k < i - 1)
            {
                break;
            }

            if (t.Kind != TokenKind.Word)
            {
                break;
            }
        }

        return fallback;
    }

    /// <summary>Reads ages after a child word ("de 6", "de 5 e 8 anos", "aged 4 and 9", "(7)", "6 years old"), marking them used; returns how many.</summary>
    /// <summary>
    /// Past a child's name before their age ("Tomi de 10 y Martina de 6", "o Pedro de 8", "Tom, 10"): an optional article,
    /// a capitalised word the lexicon does not know, and "de"/"of" or a comma, when a number follows; otherwise <paramref name="k"/>.
    /// </summary>
    private static int SkipChildName(ReadOnlySpan<char> buffer, Span<Token> tokens, int k)
    {
        var n = k;
        if (n < tokens.Length && Word(buffer, tokens, n) is "el" or "la" or "o" or "a" or "the")
        {
            n++;
        }

        // "(una de 8 y la otra de 2)", "one is 4 and the other 7": one of the children just counted, by their age.
        var one = n + 1 < tokens.Length && Word(buffer, tokens, n) is "una" or "uno" or "um" or "uma" or "one" or "otra" or "otro" or "outra" or "outro" or "other";
        if (!one && (n + 1 >= tokens.Length || tokens[n].Kind != TokenKind.Word || !tokens[n].Capitalized || Lexicon.Lookup.ContainsKey(Word(buffer, tokens, n))))
        {
            return k;
        }

        n++;
        if (Word(buffer, tokens, n) is "de" or "of" or "con" or "com" or "is" or "has" or "tem" or "tiene" or "turned" or "turns")
        {
            n++; // "Tomi de 10", "Sophie is 13", "o Duarte tem 11 anos"
        }
        else if (!tokens[n].AfterPunctuation && !(one && Word(buffer, tokens, n - 1) is "other"))
        {
            return k;
        }

        return n < tokens.Length && tokens[n].Kind == TokenKind.Number && !tokens[n].Used && tokens[n].Value is >= 0 and <= 17 ? n : k;
    }

    private static int ReadAges(ReadOnlySpan<char> buffer, Span<Token> tokens, int j, int adultAge, ref int grown)
    {
        var grownHere = 0;
        var k = j;
        while (k < tokens.Length && k < j + 4 && tokens[k].Kind == TokenKind.Word &&
               (IsWord(buffer, tokens[k], "de") || IsWord(buffer, tokens[k], "of") || IsWord(buffer, tokens[k], "aged") || IsWord(buffer, tokens[k], "age") || IsWord(buffer, tokens[k], "ages")
                || IsWord(buffer, tokens[k], "com") || IsWord(buffer, tokens[k], "con") || IsWord(buffer, tokens[k], "edad") || IsWord(buffer, tokens[k], "idade") || IsWord(buffer, tokens[k], "idades")
                || IsWord(buffer, tokens[k], "edades") || IsWord(buffer, tokens[k], "who") || IsWord(buffer, tokens[k], "are") || IsWord(buffer, tokens[k], "is") || IsWord(buffer, tokens[k], "tiene") || IsWord(buffer, tokens[k], "tem")
                || IsWord(buffer, tokens[k], "pequenos") || IsWord(buffer, tokens[k], "pequenas") || IsWord(buffer, tokens[k], "little") || IsWord(buffer, tokens[k], "small") || IsWord(buffer, tokens[k], "chiquitos")
                || IsWord(buffer, tokens[k], "theyre") || IsWord(buffer, tokens[k], "they") || IsWord(buffer, tokens[k], "tienen") || IsWord(buffer, tokens[k], "tem") || IsWord(buffer, tokens[k], "teem") || IsWord(buffer, tokens[k], "sao") || IsWord(buffer, tokens[k], "son")
                || IsWord(buffer, tokens[k], "only") || IsWord(buffer, tokens[k], "just") || IsWord(buffer, tokens[k], "shes") || IsWord(buffer, tokens[k], "hes")))
        {
            k++;
        }

        var ages = 0;
        var start = k;
        while (k < tokens.Length)
        {
            var named = SkipChildName(buffer, tokens, k);
            if (named > k)
            {
                k = named;
                start = -1; // a child named before the age needs no age word: "Tomi de 10".
            }

            ref var t = ref tokens[k];
            if ((t.Kind == TokenKind.Number || (t.Tags & WordTag.Number) != 0) && t.Value is >= 0 and <= 17 && !t.Used && !t.Ordinal
                && !(k + 1 < tokens.Length && (tokens[k + 1].Tags & (WordTag.RangeSep | WordTag.Month)) != 0 && (tokens[k + 1].Tags & WordTag.And) == 0 && !tokens[k + 1].AfterPunctuation)
                && !(k + 1 < tokens.Length && (tokens[k + 1].Tags & (WordTag.Nights | WordTag.Adults | WordTag.People)) != 0) // "our three kids, 4 nights"
                && !(k + 1 < tokens.Length && IsPartyWord(Word(buffer, tokens, k + 1)))) // "aged 4 and 6, and 2 babies": the 2 counts the babies.
            {
                // "2 crianças, de 1 a 5 de julho": a number that starts a range of days is not an age.
                // A number right after the child word with nothing between must be followed by an age word or close the list to be an age.
                t.Used = true;
                ages++;
                grownHere += t.Value >= adultAge && !(k + 1 < tokens.Length && Word(buffer, tokens, k + 1) is "months" or "meses" or "month" or "mes" or "mos") ? 1 : 0;
                k++;
                if (k < tokens.Length && (IsWord(buffer, tokens[k], "anos") || IsWord(buffer, tokens[k], "years") || IsWord(buffer, tokens[k], "year") || IsWord(buffer, tokens[k], "yo") || IsWord(buffer, tokens[k], "yrs")
                    || IsWord(buffer, tokens[k], "months") || IsWord(buffer, tokens[k], "meses") || IsWord(buffer, tokens[k], "aninhos") || IsWord(buffer, tokens[k], "anitos")))
                {
                    k++;
                    if (k < tokens.Length && IsWord(buffer, tokens[k], "old"))
                    {
                        k++;
                    }
                }

                if (k < tokens.Length && (IsAndWord(buffer, tokens[k]) || IsWord(buffer, tokens[k], "y")) && k + 1 < tokens.Length
                    && (tokens[k + 1].Kind == TokenKind.Number || (tokens[k + 1].Tags & WordTag.Number) != 0 || SkipChildName(buffer, tokens, k + 1) > k + 1))
                {
                    k++;
                }

                continue;
            }

            break;
        }

        if (ages > 0 && start == j && !(j > 0 && tokens[j].AfterPunctuation))
        {
            // "2 kids 4 and 9" is rare; "un nene 6 noches" is not an age: without a cue the numbers need an age word.
            var lastAgeWord = k > 0 && (IsWord(buffer, tokens[k - 1], "anos") || IsWord(buffer, tokens[k - 1], "years") || IsWord(buffer, tokens[k - 1], "old") || IsWord(buffer, tokens[k - 1], "yo"));
            if (!lastAgeWord)
            {
                for (var m = start; m < k; m++)
                {
                    if (tokens[m].Kind == TokenKind.Number || (tokens[m].Tags & WordTag.Number) != 0)
                    {
                        tokens[m].Used = false;
                    }
                }

                return 0;
            }
        }

        grown += grownHere;
        return ages;
    }

    private static bool IsWord(ReadOnlySpan<char> buffer, in Token token, string word) => RuleBasedNluEngine.IsWord(buffer, token, word);

    private static ReadOnlySpan<char> Word(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i) => RuleBasedNluEngine.Word(buffer, tokens, i);
}
