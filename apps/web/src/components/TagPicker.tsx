import { useQuery } from '@apollo/client/react';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { DomainTagsDocument } from '../graphql/generated';

interface TagPickerProps {
  value?: string[] | string;
  onChange?: (value: string[] | string) => void;
  /** Pick one tag (e.g. a merchant's industry) instead of several. */
  single?: boolean;
  max?: number;
  placeholder?: string;
  id?: string;
}

/** The two-level domain taxonomy (home > home.furniture) as a searchable tree. */
export function TagPicker({ value, onChange, single, max = 5, placeholder, id }: TagPickerProps) {
  const { data, loading } = useQuery(DomainTagsDocument);
  const treeData = useMemo(() => {
    const tags = data?.domainTags ?? [];
    return tags
      .filter((tag) => !tag.parent)
      .map((parent) => ({
        value: parent.slug,
        title: parent.name,
        children: tags
          .filter((tag) => tag.parent?.slug === parent.slug)
          .map((child) => ({ value: child.slug, title: child.name })),
      }));
  }, [data]);
  return (
    <TreeSelect
      id={id}
      loading={loading}
      treeData={treeData}
      value={value}
      onChange={onChange}
      multiple={!single}
      maxCount={single ? undefined : max}
      treeDefaultExpandAll={false}
      showSearch
      treeNodeFilterProp="title"
      allowClear
      placeholder={placeholder}
      style={{ width: '100%' }}
    />
  );
}
